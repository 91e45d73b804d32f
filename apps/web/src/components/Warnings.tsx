/** The sizing's warnings, each naming its workload when it has one. */
import type { Sizing } from '@headroom/model';

export function Warnings({ warnings }: { warnings: Sizing['warnings'] }) {
  return (
    <section aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">Warnings</h2>
      {warnings.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="warnings">
          {warnings.map((warning, index) => (
            <li key={`${warning.code}:${warning.workload ?? ''}:${index}`}>
              {warning.workload ? <strong>{warning.workload}: </strong> : null}
              {warning.message} <code className="code">{warning.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
