/**
 * The quarterly digest, compiled from a cycle's returns (pure). Counts mirror the council's dashboard
 * ("Green 24, Amber 17, Red 2"): per outcome and supporting outcome, the roll-up (with any override and
 * its reason), every Red and Amber with its commentary, KPIs against floor and target, indicators against
 * their expected range, direction of travel, outstanding returns by owner, and evidence of outcome.
 */
import { outline, supportingOutcomeId, type Activity, type Indicator, type Kpi } from './plan';
import { countRags, indicatorBand, kpiRag, ragTravel, rollUp, valueTravel, type Rag } from './rag';
import { activityKey, measureKey, type ItemKey } from './returns';
import type {
  ActivityLine,
  Digest,
  DigestInput,
  IndicatorLine,
  KpiLine,
  OutcomeDigest,
  SupportingOutcomeDigest,
} from './digest-model';

export type {
  Review,
  DigestInput,
  ActivityLine,
  SupportingOutcomeDigest,
  OutcomeDigest,
  KpiLine,
  IndicatorLine,
  Digest,
} from './digest-model';

function activityLine(input: DigestInput, a: Activity): ActivityLine {
  const key = activityKey(a);
  const r = input.returns.get(key);
  // A renumbered activity's previous quarter is under the id it had then.
  const p = input.previous.get(key) ?? (a.previousId ? input.previous.get(`a:${a.previousId}`) : undefined);
  return {
    id: a.id,
    text: a.text,
    function: a.function,
    districts: a.districts,
    owner: input.ownerOf(key),
    rag: r?.rag,
    commentary: r?.commentary ?? '',
    evidence: r?.evidence ?? '',
    late: r?.late ?? false,
    previous: p?.rag,
    travel: ragTravel(p?.rag, r?.rag),
  };
}

const SEVERITY_ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

/** A starting point for the overall commentary: the mix, then the Reds and Ambers in the owners' words. */
export function draftCommentary(lines: readonly ActivityLine[]): string {
  const c = countRags(lines.map((l) => l.rag));
  const returned = lines.length - c.notReturned;
  const head = `${returned} of ${lines.length} activities returned: ${c.green} Green, ${c.amber} Amber, ${c.red} Red.`;
  const notable = lines
    .filter((l) => l.rag === 'red' || l.rag === 'amber')
    .sort((a, b) => SEVERITY_ORDER[a.rag ?? 'green'] - SEVERITY_ORDER[b.rag ?? 'green'])
    .map(
      (l) => `${l.rag === 'red' ? 'Red' : 'Amber'}: ${l.text} (${l.districts.join(', ')}): ${l.commentary}`,
    );
  const text = [head, ...notable].join('\n');
  return text.length > 2000 ? `${text.slice(0, 1999)}…` : text;
}

export function compileDigest(input: DigestInput): Digest {
  const rolled = (lines: readonly ActivityLine[], pick: (l: ActivityLine) => Rag | undefined) =>
    rollUp(input.rule, lines.map(pick));
  const outcomes: OutcomeDigest[] = outline(input.plan.activities).map((o) => {
    const sos: SupportingOutcomeDigest[] = o.supportingOutcomes.map((s) => {
      const lines = s.activities.map((a) => activityLine(input, a));
      // One id for a supporting outcome everywhere: the outline's, from the names as written (a review kept
      // under the id of the names as shown is still read).
      const review = input.reviews.get(s.id) ?? input.reviews.get(supportingOutcomeId(o.title, s.title));
      const computed = rolled(lines, (l) => l.rag);
      const previous = rolled(lines, (l) => l.previous);
      const rag = review?.override?.rag ?? computed;
      return {
        id: s.id,
        number: s.number,
        title: s.title,
        counts: countRags(lines.map((l) => l.rag)),
        computed,
        override: review?.override,
        rag,
        previous,
        travel: ragTravel(previous, rag),
        commentary: review?.commentary ?? '',
        draft: draftCommentary(lines),
        aiDraft: Boolean(review?.commentary && review.aiDraft),
        activities: lines,
      };
    });
    const rag = rollUp(
      input.rule,
      sos.map((s) => s.rag),
    );
    const previous = rollUp(
      input.rule,
      sos.map((s) => s.previous),
    );
    const all = sos.flatMap((s) => s.activities);
    return {
      number: o.number,
      title: o.title,
      counts: countRags(all.map((l) => l.rag)),
      rag,
      previous,
      travel: ragTravel(previous, rag),
      supportingOutcomes: sos,
    };
  });
  const activities = outcomes.flatMap((o) => o.supportingOutcomes.flatMap((s) => s.activities));
  const kpis: KpiLine[] = input.plan.measures
    .filter((m): m is Kpi => m.kind === 'kpi')
    .map((m) => {
      const r = input.returns.get(measureKey(m));
      const p = input.previous.get(measureKey(m));
      return {
        ref: m.ref,
        description: m.description,
        unit: m.unit,
        floor: m.floor,
        target: m.target,
        direction: m.direction,
        value: r?.value,
        rag: r?.value === undefined ? undefined : kpiRag(r.value, m.floor, m.target, m.direction),
        note: r?.note ?? '',
        previousValue: p?.value,
        travel: valueTravel(p?.value, r?.value, m.direction),
        late: r?.late ?? false,
        owner: input.ownerOf(measureKey(m)),
      };
    });
  const indicators: IndicatorLine[] = input.plan.measures
    .filter((m): m is Indicator => m.kind === 'indicator')
    .map((m) => {
      const r = input.returns.get(measureKey(m));
      const p = input.previous.get(measureKey(m));
      const range = m.ranges[input.q];
      return {
        ref: m.ref,
        description: m.description,
        unit: m.unit,
        lower: range.lower,
        upper: range.upper,
        value: r?.value,
        band: r?.value === undefined ? undefined : indicatorBand(r.value, range.lower, range.upper),
        note: r?.note ?? '',
        previousValue: p?.value,
        travel: valueTravel(p?.value, r?.value, m.direction),
        late: r?.late ?? false,
        owner: input.ownerOf(measureKey(m)),
      };
    });
  const outstandingByOwner = new Map<string, string[]>();
  const waiting = (key: ItemKey, id: string) =>
    input.sentBack?.has(key) ? `${id} (sent back: waiting)` : id;
  for (const a of activities.filter((l) => l.rag === undefined))
    outstandingByOwner.set(a.owner, [...(outstandingByOwner.get(a.owner) ?? []), waiting(`a:${a.id}`, a.id)]);
  for (const m of input.plan.measures.filter((x) => !input.returns.has(measureKey(x)))) {
    const owner = input.ownerOf(measureKey(m));
    outstandingByOwner.set(owner, [...(outstandingByOwner.get(owner) ?? []), waiting(measureKey(m), m.ref)]);
  }
  return {
    plan: input.plan.name,
    quarter: input.quarterLabel,
    rule: input.rule,
    counts: countRags(activities.map((l) => l.rag)),
    lateCount: [...input.returns.values()].filter((r) => r.late).length,
    sentBackCount: input.sentBack?.size ?? 0,
    sendBacks: input.sendBacks ?? [],
    outcomes,
    redsAndAmbers: activities
      .filter((l) => l.rag === 'red' || l.rag === 'amber')
      .sort((a, b) => SEVERITY_ORDER[a.rag ?? 'green'] - SEVERITY_ORDER[b.rag ?? 'green']),
    kpis,
    indicators,
    outstanding: [...outstandingByOwner]
      .map(([owner, items]) => ({ owner, items, reached: input.reachedOf?.(owner) }))
      .sort((a, b) => b.items.length - a.items.length || a.owner.localeCompare(b.owner)),
    highlights: activities
      .filter((l) => l.evidence.trim())
      .map((l) => ({ activity: l.text, owner: l.owner, evidence: l.evidence })),
    approval: input.approval,
  };
}

export { supportingOutcomeId };
