/**
 * embed.html: the calculator alone in a page, for hosts that take an iframe but no script of ours.
 * The query picks the plan (`?preset=rag`, `?plan=<url>`, or `#plan=<encoded>` as in the app's
 * shared links) and the look (`compact`, `readonly`, `theme=dark`).
 *
 * The page reports its height to the parent with postMessage, { type: 'headroom:resize', height },
 * so a host can size the iframe to its content; a height tells nothing, so any parent gets it. Each
 * new sizing describes the plan, so it goes as { type: 'headroom:sizing', sizing } only to the
 * origin the host names with `?sizing-origin=https://docs.example.com`, and only when that is the
 * origin of the page that actually frames this one (`location.ancestorOrigins`, else
 * `document.referrer`): a page elsewhere cannot name itself and receive the sizing of a plan only
 * this origin can read. For the same reason a plan URL (`?plan=/private/plan.yaml`) is fetched only
 * when it is on the framing page's origin, which could read it anyway; a plan from elsewhere goes
 * inline (`#plan=`) or through the custom element on the host's own page.
 *
 * The element itself comes from embed.js, loaded by embed.html beside this script (never bundled
 * into it, so the page and hosts share one cached copy).
 */
import type {} from './calculator-element.tsx';
import { planTextFromHash } from '../state/plan-link.ts';
import { isPlanUrl } from './plan-source.ts';

const RESIZE_MESSAGE = 'headroom:resize';
const SIZING_MESSAGE = 'headroom:sizing';

const query = new URLSearchParams(window.location.search);
const embedder = embedderOrigin();
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
const planParameter = element.getAttribute('plan');
const refusedPlan = planParameter !== null && isPlanUrl(planParameter) && !mayRead(planParameter);
if (refusedPlan) element.removeAttribute('plan');

const post = (message: object, targetOrigin: string) => {
  if (window.parent !== window) window.parent.postMessage(message, targetOrigin);
};
const sizingOrigin = allowedSizingOrigin(originOf(query.get('sizing-origin')));
let reportedHeight = -1;
new ResizeObserver(() => {
  const height = Math.ceil(element.getBoundingClientRect().height);
  if (height === reportedHeight) return;
  reportedHeight = height;
  post({ type: RESIZE_MESSAGE, height }, '*');
}).observe(element);
if (sizingOrigin) element.addEventListener('sizingchange', (event) => post({ type: SIZING_MESSAGE, sizing: event.detail }, sizingOrigin));

if (refusedPlan) {
  const problem = document.createElement('p');
  problem.setAttribute('role', 'alert');
  problem.textContent = `This calculator was asked for the plan at ${planParameter}, which is not on the origin of the page embedding it (${embedder ?? 'unknown'}); it loads a plan by URL only from that origin.`;
  document.body.append(problem);
} else {
  document.body.append(element);
}

/** The origin of the page framing this one; this page's own when it is not framed; undefined when unknown. */
function embedderOrigin(): string | undefined {
  if (window.parent === window) return window.location.origin;
  const ancestors = window.location.ancestorOrigins as DOMStringList | undefined;
  if (ancestors && ancestors.length > 0) return ancestors[0] === 'null' ? undefined : ancestors[0] ?? undefined;
  try {
    return document.referrer ? new URL(document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the framing page could read the plan at `address` itself: it is on its origin (or the page is not framed). */
function mayRead(address: string): boolean {
  if (window.parent === window) return true;
  try {
    return embedder !== undefined && new URL(address.trim(), window.location.href).origin === embedder;
  } catch {
    return false;
  }
}

function allowedSizingOrigin(origin: string | undefined): string | undefined {
  if (origin === undefined || origin === embedder) return origin;
  console.error(`headroom: sizing-origin=${origin} is not the origin of the page embedding this calculator (${embedder ?? 'unknown'}); sizings are not posted`);
  return undefined;
}

function originOf(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    console.error(`headroom: sizing-origin=${value} is not an origin such as https://docs.example.com; sizings are not posted`);
    return undefined;
  }
}
