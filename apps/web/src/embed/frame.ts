/**
 * embed.html: the calculator alone in a page, for hosts that take an iframe but no script of ours.
 * The query picks the plan (`?preset=rag`, `?plan=<url>`, or `#plan=<encoded>` as in the app's
 * shared links) and the look (`compact`, `readonly`, `theme=dark`). The page reports its height to
 * the parent with postMessage, { type: 'headroom:resize', height }, and each new sizing with
 * { type: 'headroom:sizing', sizing }, so a host can size the iframe to its content. The element
 * itself comes from embed.js, loaded by embed.html beside this script (never bundled into it, so
 * the page and hosts share one cached copy).
 */
import type {} from './calculator-element.tsx';
import { planTextFromHash } from '../state/plan-link.ts';

export const RESIZE_MESSAGE = 'headroom:resize';
export const SIZING_MESSAGE = 'headroom:sizing';

const query = new URLSearchParams(window.location.search);
const element = document.createElement('headroom-calculator');
for (const name of ['preset', 'plan', 'theme'] as const) {
  const value = query.get(name);
  if (value !== null) element.setAttribute(name, value);
}
for (const flag of ['compact', 'readonly'] as const) {
  if (query.has(flag) && query.get(flag) !== 'false') element.setAttribute(flag, '');
}
const sharedPlan = await planTextFromHash(window.location.hash);
if (sharedPlan !== undefined) element.setAttribute('plan', sharedPlan);

const post = (message: object) => {
  if (window.parent !== window) window.parent.postMessage(message, '*');
};
let reportedHeight = -1;
new ResizeObserver(() => {
  const height = Math.ceil(element.getBoundingClientRect().height);
  if (height === reportedHeight) return;
  reportedHeight = height;
  post({ type: RESIZE_MESSAGE, height });
}).observe(element);
element.addEventListener('sizingchange', (event) => post({ type: SIZING_MESSAGE, sizing: event.detail }));

document.body.append(element);
