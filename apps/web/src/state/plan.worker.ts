/**
 * The plan worker: parses, validates and sizes the calculator's plan text and re-sizes it across
 * the traffic multipliers, off the page's main thread (plan-worker-handler.ts). Loaded by
 * worker-evaluator.ts, one worker per calculator.
 */
/// <reference lib="webworker" />
import { planWorkerHandler } from './plan-worker-handler.ts';
import type { PlanWorkerRequest, PlanWorkerResponse } from './plan-worker-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = planWorkerHandler((response: PlanWorkerResponse) => scope.postMessage(response));
scope.addEventListener('message', (event: MessageEvent<PlanWorkerRequest>) => handle(event.data));
