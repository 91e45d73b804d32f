// @vitest-environment happy-dom
import type { Sizing } from '@headroom/model';
import { act, cleanup, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HeadroomCalculator } from './react.tsx';

const sizing = (name: string) => ({ plan: { name } }) as unknown as Sizing;

// A stand-in element, defined up front so the wrapper loads nothing (the real element is tested in
// Chromium). With preset="presized" it has sized before anyone listens, as a real one may have.
if (!customElements.get('headroom-calculator')) {
  customElements.define(
    'headroom-calculator',
    class extends HTMLElement {
      get sizing() {
        return this.getAttribute('preset') === 'presized' ? sizing('presized') : undefined;
      }
    },
  );
}

/** A parent that re-renders on demand, passing a new inline callback each time. */
function renderParent(preset: string, seen: (name: string, renders: number) => void) {
  let rerender = () => {};
  function Parent() {
    const [renders, setRenders] = useState(0);
    rerender = () => setRenders((r) => r + 1);
    return <HeadroomCalculator src="./embed.js" preset={preset} onSizingChange={(s) => seen(s.plan.name, renders)} />;
  }
  const { container } = render(<Parent />);
  return { element: container.querySelector('headroom-calculator')!, rerender: () => act(() => rerender()) };
}

describe('<HeadroomCalculator>', () => {
  afterEach(cleanup);

  it('passes its props as attributes (boolean ones on only when true)', () => {
    const { container } = render(<HeadroomCalculator src="./embed.js" preset="rag" compact theme="dark" />);
    const element = container.querySelector('headroom-calculator')!;
    expect(element.getAttribute('preset')).toBe('rag');
    expect(element.getAttribute('theme')).toBe('dark');
    expect(element.hasAttribute('compact')).toBe(true);
    expect(element.hasAttribute('readonly')).toBe(false);
  });

  it('reports each sizingchange once, to the latest callback, however often the parent re-renders', () => {
    const seen = vi.fn();
    const parent = renderParent('rag', seen);
    for (let i = 0; i < 3; i++) parent.rerender();
    expect(seen).not.toHaveBeenCalled();
    act(() => {
      parent.element.dispatchEvent(new CustomEvent('sizingchange', { detail: sizing('rag') }));
    });
    expect(seen.mock.calls).toEqual([['rag', 3]]);
  });

  it('reports a sizing the element made before the wrapper listened, once', () => {
    const seen = vi.fn();
    const parent = renderParent('presized', seen);
    for (let i = 0; i < 3; i++) parent.rerender();
    expect(seen.mock.calls).toEqual([['presized', 0]]);
  });
});
