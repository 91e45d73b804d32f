/** The example page's React island: <HeadroomCalculator> as an MDX page would use it. */
import type { Sizing } from '@headroom/model';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { HeadroomCalculator } from './react.tsx';

function ReactExample() {
  const [gpus, setGpus] = useState<number | undefined>(undefined);
  return (
    <>
      <HeadroomCalculator src="./embed.js" preset="fine-tuning" compact onSizingChange={(sizing: Sizing) => setGpus(sizing.cluster.totals.gpus)} />
      <p id="react-sizing-note">{gpus === undefined ? 'Waiting for the sizing…' : `onSizingChange: this plan needs ${gpus} GPUs.`}</p>
    </>
  );
}

const mount = document.getElementById('react-example');
if (!mount) throw new Error('embedding.html has no #react-example element');
createRoot(mount).render(<ReactExample />);
