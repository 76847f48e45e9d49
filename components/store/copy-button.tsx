'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

/** Copies `text` to the clipboard; says "Copied" for a moment (announced politely). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (no permission or insecure context): the id stays selectable on the page.
      setCopied(false);
    }
  };
  return (
    <Button size="sm" variant="ghost" onClick={copy} aria-label={label}>
      <span aria-live="polite">{copied ? 'Copied' : 'Copy'}</span>
    </Button>
  );
}
