/**
 * The kit listing for the panel's plan, from the kit worker: the text goes to the worker and the
 * listing comes back, latest text wins (one request in flight; texts asked for meanwhile replace
 * each other and only the last is sent). Until the first listing arrives, undefined. Where no
 * worker can run (happy-dom unit tests) or the worker fails, the listing is computed in-thread.
 */
import type { Plan, Sizing } from '@headroom/model';
import { useEffect, useMemo, useRef, useState } from 'react';
import kitWorkerUrl from './kit.worker.ts?worker&url';
import type { KitWorkerRequest, KitWorkerResponse } from './kit.worker.ts';
import { kitListing, type ListedKitFile } from './kit-listing.ts';

interface KitWorkerClient {
  ask: (text: string) => void;
  stop: () => void;
}

function startKitWorker(onListing: (files: ListedKitFile[]) => void, onFailure: () => void): KitWorkerClient | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL(kitWorkerUrl, import.meta.url).href, { type: 'module', name: 'headroom-kit' });
  } catch {
    return undefined;
  }
  let nextId = 0;
  let busy = false;
  let waiting: string | undefined;
  const send = (text: string) => {
    busy = true;
    worker.postMessage({ id: ++nextId, text } satisfies KitWorkerRequest);
  };
  worker.addEventListener('message', (event: MessageEvent<KitWorkerResponse>) => {
    if (event.data.id !== nextId) return;
    busy = false;
    if (waiting !== undefined) {
      const next = waiting;
      waiting = undefined;
      send(next);
    } else if (event.data.files) {
      onListing(event.data.files);
    }
  });
  worker.addEventListener('error', onFailure);
  return {
    ask: (text) => {
      if (busy) waiting = text;
      else send(text);
    },
    stop: () => worker.terminate(),
  };
}

export function useKitListing(text: string, plan: Plan, sizing: Sizing): ListedKitFile[] | undefined {
  const [listing, setListing] = useState<ListedKitFile[] | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const client = useRef<KitWorkerClient | undefined>(undefined);
  const [inThread] = useState(() => typeof Worker === 'undefined');

  useEffect(() => {
    if (inThread || failed) return;
    client.current = startKitWorker(setListing, () => setFailed(true));
    if (!client.current) setFailed(true);
    return () => {
      client.current?.stop();
      client.current = undefined;
    };
  }, [inThread, failed]);

  useEffect(() => {
    client.current?.ask(text);
  }, [text, failed]);

  const computed = useMemo(() => (inThread || failed ? kitListing(text, plan, sizing) : undefined), [inThread, failed, text, plan, sizing]);
  return computed ?? listing;
}
