/**
 * A card per workload with the figures its users look for (figures.ts): LLM configuration,
 * throughput, KV capacity and predicted latencies against the SLO; training wall-clock, GPU-hours
 * and the cost of a run; batch and pipeline run time against the window; model serving workers
 * and p95. Each LLM card lists the configurations the search compared (CandidateSearch).
 */
import type { Sizing, WorkloadSizing } from '@headroom/model';
import { memo, useId } from 'react';
import { kindTitle } from '../form/labels.ts';
import { workloadFigures } from './figures.ts';
import { workloadVerdict } from './verdicts.ts';
import { CandidateSearch } from './CandidateSearch.tsx';
import { ExplainLink, workloadSubject } from '../components/explain-link.tsx';

/** Loaded lazily and memoised: Results passes the deferred sizing, so a keystroke's urgent render skips the cards. */
export default memo(function WorkloadAnswers({ sizing, compact }: { sizing: Sizing; compact: boolean }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>What each workload gets</h2>
      <div className="answer-cards">
        {sizing.workloads.map((w) => (
          <AnswerCard key={w.name} sizing={sizing} workload={w} compact={compact} />
        ))}
      </div>
    </section>
  );
});

function AnswerCard({ sizing, workload, compact }: { sizing: Sizing; workload: WorkloadSizing; compact: boolean }) {
  const verdict = workloadVerdict(sizing, workload);
  const headingId = useId();
  return (
    <article className={`answer-card verdict-${verdict.state}`} aria-labelledby={headingId} data-testid={`answer-${workload.name}`}>
      <h3 id={headingId}>
        {workload.name} <span className="kind">{kindTitle(workload.kind)}</span>
      </h3>
      <p className="answer-verdict">{verdict.headline}</p>
      <dl className="answer-figures">
        {workloadFigures(sizing, workload).map((figure) => (
          <div key={figure.label} className={figure.meets === false ? 'misses' : undefined}>
            <dt>{figure.label}</dt>
            <dd>
              {figure.step ? (
                <ExplainLink subject={workloadSubject(workload.name)} step={figure.step} what={`${figure.label} of ${workload.name}`}>
                  {figure.value}
                </ExplainLink>
              ) : (
                figure.value
              )}
              {figure.target ? (
                <span className="figure-target">
                  {' '}
                  ({figure.meets === false ? 'misses ' : figure.meets ? 'meets ' : ''}
                  {figure.target})
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {!compact && workload.candidates && workload.candidates.length > 0 ? <CandidateSearch workload={workload} /> : null}
    </article>
  );
}
