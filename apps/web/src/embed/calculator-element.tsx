/**
 * <headroom-calculator>: the calculator as a custom element for documentation pages (DESIGN.md,
 * "the embed"). It renders into an open shadow root, so the host page's CSS cannot reach it and
 * its CSS cannot leak out; every element owns its store, so several on a page stay independent.
 *
 * Attributes: preset, plan (inline YAML/JSON or a URL), compact, readonly, theme (light|dark|auto).
 * Event: `sizingchange` (bubbles, composed) whenever a plan sizes; `detail` is the Sizing JSON.
 * Property: `sizing`, the current Sizing (undefined until a plan sizes).
 */
import type { Sizing } from '@headroom/model';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Calculator, type Theme } from '../Calculator.tsx';
import { PlanStoreProvider } from '../state/store-context.tsx';
import { startPlanWorker } from '../state/start-plan-worker.ts';
import { createPlanStore, type PlanStoreApi } from '../state/store.ts';
import { workerPlanEvaluator } from '../state/worker-evaluator.ts';
import { loadPlanSource } from './plan-source.ts';
import { calculatorStyleSheet } from './shadow-styles.ts';

export const SIZING_EVENT = 'sizingchange';
const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];

export class HeadroomCalculatorElement extends HTMLElement {
  static observedAttributes = ['preset', 'plan', 'compact', 'readonly', 'theme'];
  /** The web build's folder (set by embed.js from its own URL): the kit's exporter bundle is there. */
  static buildBase: string | undefined;

  #root: Root | undefined;
  #store: PlanStoreApi | undefined;
  /** The plan attributes the store was last loaded from, to notice changes made while detached. */
  #loadedFrom: string | undefined;
  #problem: string | undefined;
  /** Bumped on every (re)load, so a slow plan fetch cannot overwrite a newer one. */
  #loadGeneration = 0;

  get sizing(): Sizing | undefined {
    return this.#store?.getState().results?.sizing;
  }

  connectedCallback(): void {
    if (this.#root) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [calculatorStyleSheet()];
    const mount = document.createElement('div');
    shadow.replaceChildren(mount);
    this.#root = createRoot(mount);
    // Re-attached (a tab shown again, a slide revisited): the plan, its edits and history stay,
    // unless the plan attributes changed meanwhile.
    if (this.#store && this.#loadedFrom === this.#planAttributes()) this.#render();
    else void this.#load();
  }

  disconnectedCallback(): void {
    // Deferred: moving the element in the DOM disconnects and reconnects it in one task. Detached,
    // it stops rendering but keeps its store, so re-attaching it loses nothing.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#root?.unmount();
      this.#root = undefined;
    });
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (!this.#root || previous === next) return;
    if (name === 'preset' || name === 'plan') void this.#load();
    else this.#render();
  }

  #planAttributes(): string {
    return JSON.stringify([this.getAttribute('plan'), this.getAttribute('preset')]);
  }

  async #load(): Promise<void> {
    const generation = ++this.#loadGeneration;
    const attributes = this.#planAttributes();
    this.#problem = undefined;
    if (!this.#store) this.#renderMessage('Loading the plan…');
    const source = await loadPlanSource({ plan: this.getAttribute('plan'), preset: this.getAttribute('preset') }, document.baseURI);
    if (generation !== this.#loadGeneration || !this.#root) return;
    if (!source.ok) {
      this.#problem = source.message;
      this.#render();
      return;
    }
    // A new plan from the attributes is an edit like any other: undo brings the previous one back.
    if (this.#store) this.#store.getState().setText(source.text);
    // Each element sizes in a worker of its own, so two calculators on a page never supersede each other's edits.
    else this.#adopt(createPlanStore(source.text, { evaluator: workerPlanEvaluator(startPlanWorker) }));
    this.#loadedFrom = attributes;
    this.#render();
  }

  #adopt(store: PlanStoreApi): void {
    this.#store = store;
    // Lives as long as the element and its store (they are collected together).
    store.subscribe((state, previous) => {
      if (state.results !== previous.results) this.#announce();
    });
    this.#announce();
  }

  #announce(): void {
    const sizing = this.sizing;
    if (sizing) this.dispatchEvent(new CustomEvent<Sizing>(SIZING_EVENT, { detail: sizing, bubbles: true, composed: true }));
  }

  #render(): void {
    if (!this.#root || !this.#store) return this.#renderMessage(this.#problem ?? 'Loading the plan…');
    const theme = THEMES.find((t) => t === this.getAttribute('theme')) ?? 'auto';
    this.#root.render(
      <StrictMode>
        <PlanStoreProvider store={this.#store}>
          {this.#problem ? <p className="embed-problem" role="alert">{this.#problem}</p> : null}
          <Calculator layout="embed" compact={this.hasAttribute('compact')} readonly={this.hasAttribute('readonly')} theme={theme} buildBase={HeadroomCalculatorElement.buildBase} />
        </PlanStoreProvider>
      </StrictMode>,
    );
  }

  #renderMessage(message: string): void {
    const theme = THEMES.find((t) => t === this.getAttribute('theme')) ?? 'auto';
    this.#root?.render(
      <div className="calculator layout-embed" data-theme={theme}>
        <p className={this.#problem ? 'embed-problem' : 'loading'} role={this.#problem ? 'alert' : 'status'}>
          {message}
        </p>
      </div>,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'headroom-calculator': HeadroomCalculatorElement;
  }
  interface HTMLElementEventMap {
    [SIZING_EVENT]: CustomEvent<Sizing>;
  }
}
