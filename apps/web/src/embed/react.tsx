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
  // The latest callback, so an inline arrow (a new function every render) neither re-subscribes
  // nor re-reports.
  const onSizingChangeRef = useRef(onSizingChange);
  onSizingChangeRef.current = onSizingChange;

  useEffect(() => {
    if (customElements.get(TAG)) return;
    // Left alone by the host's bundler (webpack in Docusaurus, Vite): loaded at runtime from `src`.
    import(/* webpackIgnore: true */ /* @vite-ignore */ new URL(src, document.baseURI).href).catch((error: unknown) => {
      console.error(`headroom: could not load ${src} for <${TAG}>`, error);
    });
  }, [src]);

  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const listener = (event: Event) => onSizingChangeRef.current?.((event as CustomEvent<Sizing>).detail);
    target.addEventListener('sizingchange', listener);
    // The element may have sized before this effect ran (it sizes on connect): report that once.
    const current = (target as HTMLElement & { sizing?: Sizing }).sizing;
    if (current) onSizingChangeRef.current?.(current);
    return () => target.removeEventListener('sizingchange', listener);
  }, []);

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
