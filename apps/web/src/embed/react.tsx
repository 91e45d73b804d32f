/**
 * <HeadroomCalculator> for React and MDX (Docusaurus, Nextra…): a thin wrapper around the
 * <headroom-calculator> element. It loads embed.js from `src` once per page (unless the element is
 * already defined) and turns the element's `sizingchange` event into an `onSizingChange` prop. The
 * calculator keeps its own React root inside the element's shadow root, so it works with any React
 * 18 or 19 on the host page and needs no bundling of Headroom's code.
 */
import type { Sizing } from '@headroom/model';
import { createElement, useEffect, useRef } from 'react';

export interface HeadroomCalculatorProps {
  /** URL of embed.js (from the Headroom web build). */
  src: string;
  preset?: string;
  /** Inline YAML/JSON, or a URL of a plan file. */
  plan?: string;
  compact?: boolean;
  readonly?: boolean;
  theme?: 'light' | 'dark' | 'auto';
  onSizingChange?: (sizing: Sizing) => void;
  className?: string;
}

const TAG = 'headroom-calculator';

export function HeadroomCalculator({ src, preset, plan, compact = false, readonly = false, theme, onSizingChange, className }: HeadroomCalculatorProps) {
  const element = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!customElements.get(TAG)) void import(/* @vite-ignore */ new URL(src, document.baseURI).href);
  }, [src]);

  useEffect(() => {
    const target = element.current;
    if (!target || !onSizingChange) return;
    const listener = (event: Event) => onSizingChange((event as CustomEvent<Sizing>).detail);
    target.addEventListener('sizingchange', listener);
    // The element may have sized before this effect ran (it sizes on connect): report that too.
    const current = (target as HTMLElement & { sizing?: Sizing }).sizing;
    if (current) onSizingChange(current);
    return () => target.removeEventListener('sizingchange', listener);
  }, [onSizingChange]);

  // Attributes, not properties: '' switches a boolean attribute on, undefined leaves it off.
  return createElement(TAG, {
    ref: element,
    class: className,
    preset,
    plan,
    theme,
    compact: compact ? '' : undefined,
    readonly: readonly ? '' : undefined,
  });
}
