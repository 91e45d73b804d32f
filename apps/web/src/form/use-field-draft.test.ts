// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFieldDraft } from './use-field-draft.ts';

const render = (initial: string) => renderHook(({ documentValue }) => useFieldDraft(documentValue, String), { initialProps: { documentValue: initial } });

describe('a field draft over a deferred document', () => {
  it('keeps showing the edits while the document lags, then follows the document', () => {
    const field = render('20');
    act(() => field.result.current.edited('2', '2'));
    field.rerender({ documentValue: '20' }); // the document has not caught up yet
    expect(field.result.current.value).toBe('2');
    act(() => field.result.current.edited('200', '200'));
    field.rerender({ documentValue: '2' }); // caught up with the first keystroke only
    expect(field.result.current.value).toBe('200');
    field.rerender({ documentValue: '200' });
    expect(field.result.current.value).toBe('200');
    field.rerender({ documentValue: '20' }); // an undo back to the value before the edit now shows
    expect(field.result.current.value).toBe('20');
  });

  it('yields at once to a value it never showed (an edit in the YAML editor)', () => {
    const field = render('1 s');
    act(() => field.result.current.edited('800 ms', '800 ms'));
    field.rerender({ documentValue: '2 s' });
    expect(field.result.current.value).toBe('2 s');
  });

  it('keeps the text as typed while the document holds the same value', () => {
    const field = render('1');
    act(() => field.result.current.edited('1.5 ', '1.5'));
    field.rerender({ documentValue: '1.5' });
    expect(field.result.current.value).toBe('1.5 ');
  });
});
