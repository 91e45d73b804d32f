/**
 * embed.html: the calculator alone in a page, for hosts that take an iframe but no script of ours.
 * The query picks the plan (`?preset=rag`, `?plan=<url>`, or `#plan=<encoded>` as in the app's
 * shared links) and the look (`compact`, `readonly`, `theme=dark`).
 *
 * The page reports its height to the parent with postMessage, { type: 'headroom:resize', height },
 * so a host can size the iframe to its content; a height tells nothing, so any parent gets it. Each
 * new sizing describes the plan, so it goes as { type: 'headroom:sizing', sizing } only to the
 * origin the host names with `?sizing-origin=https://docs.example.com` (postMessage delivers it to
 * that origin or not at all).
 *
 * The element itself comes from embed.js, loaded by embed.html beside this script (never bundled
 * into it, so the page and hosts share one cached copy).
 */
import type {} from './calculator-element.tsx';
import { planTextFromHash } from '../state/plan-link.ts';

const RESIZE_MESSAGE = 'headroom:resize';
const SIZING_MESSAGE = 'headroom:sizing';

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

const post = (message: object, targetOrigin: string) => {
  if (window.parent !== window) window.parent.postMessage(message, targetOrigin);
};
const sizingOrigin = originOf(query.get('sizing-origin'));
let reportedHeight = -1;
new ResizeObserver(() => {
  const height = Math.ceil(element.getBoundingClientRect().height);
  if (height === reportedHeight) return;
  reportedHeight = height;
  post({ type: RESIZE_MESSAGE, height }, '*');
}).observe(element);
if (sizingOrigin) element.addEventListener('sizingchange', (event) => post({ type: SIZING_MESSAGE, sizing: event.detail }, sizingOrigin));

document.body.append(element);

function originOf(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    console.error(`headroom: sizing-origin=${value} is not an origin such as https://docs.example.com; sizings are not posted`);
    return undefined;
  }
}
