'use client';
/**
 * A machine run for React: one SessionController and its run-session store per component. The run view
 * uses it with the default machine; the composer can use it with any `carti-machine-package.json`.
 */
import { useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { createRunSessionStore, type RunSessionState } from '@/lib/state/run-session';
import { SessionController, type BootRequest, type TerminalSurface } from './session-controller';

export interface MachineSession {
  readonly state: RunSessionState;
  boot(request: BootRequest): Promise<void>;
  stop(): void;
  reset(): void;
  sendInput(bytes: Uint8Array): void;
  attachTerminal(surface: TerminalSurface | undefined): void;
  consoleText(): string;
  requestDrive(index: number): Promise<{ label: string; bytes: Uint8Array }>;
  readonly driveLabels: readonly string[];
}

export function useMachineSession(): MachineSession {
  const [store] = useState(createRunSessionStore);
  const [controller] = useState(() => new SessionController(store));
  const state = useStore(store);
  useEffect(() => () => controller.dispose(), [controller]);
  return {
    state,
    boot: useCallback((request: BootRequest) => controller.boot(request), [controller]),
    stop: useCallback(() => controller.stop(), [controller]),
    reset: useCallback(() => controller.reset(), [controller]),
    sendInput: useCallback((bytes: Uint8Array) => controller.sendInput(bytes), [controller]),
    attachTerminal: useCallback((surface: TerminalSurface | undefined) => controller.attachTerminal(surface), [controller]),
    consoleText: useCallback(() => controller.consoleText(), [controller]),
    requestDrive: useCallback((index: number) => controller.requestDrive(index), [controller]),
    driveLabels: controller.driveLabels,
  };
}
