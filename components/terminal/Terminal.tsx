'use client';
/**
 * The machine console: xterm.js (spec/browser-emulation.md §5) fit to its container, with screen-reader mode
 * on so its text is in the page for assistive technology (and for tests). xterm touches `self` when its
 * module is evaluated, so it is imported inside the effect, never during server rendering.
 */
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { TerminalSurface } from '../run/session-controller';

export interface TerminalProps {
  /** Bytes typed or pasted by the user (UTF-8), for the guest's console input. */
  onInput(bytes: Uint8Array): void;
  /** The terminal is ready (or gone: undefined). */
  onSurface(surface: TerminalSurface | undefined): void;
  label?: string;
}

export function Terminal({ onInput, onSurface, label = 'Machine console' }: TerminalProps) {
  const container = useRef<HTMLDivElement>(null);
  const onInputRef = useRef(onInput);
  const onSurfaceRef = useRef(onSurface);
  onInputRef.current = onInput;
  onSurfaceRef.current = onSurface;

  useEffect(() => {
    let disposed = false;
    let cleanup = (): void => {};
    void (async () => {
      const [{ Terminal: XTerm }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
      const element = container.current;
      if (disposed || !element) return;
      const term = new XTerm({
        screenReaderMode: true,
        cursorBlink: true,
        scrollback: 5000,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 14,
        theme: { background: '#020617' },
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.open(element);
      const refit = (): void => {
        try {
          fit.fit();
        } catch {
          // A hidden container has no size; the next resize fits again.
        }
      };
      refit();
      const observer = new ResizeObserver(refit);
      observer.observe(element);
      const encoder = new TextEncoder();
      const data = term.onData((text) => onInputRef.current(encoder.encode(text)));
      // Ctrl+C copies when text is selected and is ^C for the guest otherwise; Ctrl+V is left to the
      // browser, whose paste event xterm turns into onData (§5 copy/paste).
      term.attachCustomKeyEventHandler((event) => {
        if (event.type !== 'keydown' || !(event.ctrlKey || event.metaKey)) return true;
        const key = event.key.toLowerCase();
        if (key === 'c' && term.hasSelection()) {
          void navigator.clipboard?.writeText(term.getSelection()).catch(() => undefined);
          return false;
        }
        if (key === 'v') return false;
        return true;
      });
      const surface: TerminalSurface = {
        write: (bytes, parsed) => term.write(bytes, parsed),
        clear: () => term.reset(),
        focus: () => term.focus(),
      };
      onSurfaceRef.current(surface);
      cleanup = () => {
        onSurfaceRef.current(undefined);
        data.dispose();
        observer.disconnect();
        term.dispose();
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, []);

  return (
    <div
      ref={container}
      role="group"
      aria-label={label}
      data-testid="terminal"
      className="h-[30rem] w-full overflow-hidden rounded-md bg-slate-950 p-2"
    />
  );
}
