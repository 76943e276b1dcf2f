/**
 * More of the evaluation set, as SMT members and service managers put it: about people (role mailboxes),
 * single items, functions, and who still owes. References from the seed pattern, as in ask-eval-cases.ts.
 * The seeded data: Q1 published (2016/17 Q1), Q2 current (the latest a manager sees).
 */
import {
  all,
  answered,
  changed,
  diff,
  fnIs,
  idIs,
  inDistrict,
  kpis,
  lateIn,
  owes,
  ownerIs,
  rated,
  type Case,
} from './ask-eval-cases';

const DOVER = 'area-ops.dover@example.org';
const MAIDSTONE = 'area-ops.maidstone@example.org';
const GRAVESHAM = 'area-ops.gravesham@example.org';
const ASHFORD = 'area-ops.ashford@example.org';
const STOCK = 'stock@example.org';
const REGISTRATION = 'registration@example.org';
const ARCHIVES = 'archives@example.org';
const SERVICE_DEV = 'service-development@example.org';

/** People: what a named owner has, owes, rated. */
const PEOPLE: Case[] = [
  { q: 'what does area-ops.dover still owe?', expect: all(ownerIs(DOVER), owes(2)) },
  { q: "what hasn't stock@example.org returned?", expect: all(ownerIs(STOCK), owes(2)) },
  { q: "area-ops.maidstone's reds", expect: all(ownerIs(MAIDSTONE), rated(2, 'red')) },
  { q: "show me registration@example.org's items", expect: ownerIs(REGISTRATION) },
  { q: 'items for archives@example.org', expect: ownerIs(ARCHIVES) },
  { q: 'is area-ops.ashford late with anything?', expect: all(ownerIs(ASHFORD), lateIn(2)) },
  { q: 'what is service-development@example.org responsible for?', expect: ownerIs(SERVICE_DEV) },
  { q: 'what did area-ops.gravesham rate red in Q1?', expect: all(ownerIs(GRAVESHAM), rated(1, 'red')) },
  {
    q: 'ambers owned by area-ops.thanet',
    expect: all(ownerIs('area-ops.thanet@example.org'), rated(2, 'amber')),
  },
  { q: 'how many items does area-ops.tonbridge have?', expect: ownerIs('area-ops.tonbridge@example.org') },
  {
    q: "which of area-ops.canterbury's items are red?",
    expect: all(ownerIs('area-ops.canterbury@example.org'), rated(2, 'red')),
  },
  { q: 'anything late from registration@example.org?', expect: all(ownerIs(REGISTRATION), lateIn(2)) },
  { q: 'what has stock@example.org returned?', expect: all(ownerIs(STOCK), answered(2)) },
  {
    q: 'what has area-ops.swale answered this quarter?',
    expect: all(ownerIs('area-ops.swale@example.org'), answered(2)),
  },
  { q: 'how many reds does stock@example.org have?', expect: all(ownerIs(STOCK), rated(2, 'red')) },
  { q: 'greens from archives@example.org in Q1', expect: all(ownerIs(ARCHIVES), rated(1, 'green')) },
  { q: 'is area-ops.dover on track?', cannot: true },
  { q: 'what did area-ops.dover say about LRA-1.1.03?', expect: all(ownerIs(DOVER), idIs('LRA-1.1.03')) },
  { q: 'KPIs owned by registration@example.org', expect: all(kpis, ownerIs(REGISTRATION)) },
  {
    q: "service-development@example.org's KPIs off target",
    expect: all(kpis, ownerIs(SERVICE_DEV), rated(2, 'red', 'amber')),
  },
  { q: 'area-ops.maidstone outstanding', expect: all(ownerIs(MAIDSTONE), owes(2)) },
  { q: 'area-ops.gravesham changes since Q1', expect: all(ownerIs(GRAVESHAM), changed) },
  {
    q: 'has area-ops.dartford returned everything?',
    expect: all(ownerIs('area-ops.dartford@example.org'), answered(2)),
  },
  { q: "what is area-ops.dover's phone number?", cannot: true },
];

/** Single items by id or ref. */
const ITEMS: Case[] = [
  { q: 'how is LRA-1.2.03 doing?', expect: idIs('LRA-1.2.03') },
  { q: "what's the latest on LRA-2.1.01?", expect: idIs('LRA-2.1.01') },
  { q: 'LRA-1.1.01 in Q1', expect: idIs('LRA-1.1.01') },
  { q: 'is LRA-3.2.02 red?', expect: all(idIs('LRA-3.2.02'), rated(2, 'red')) },
  { q: 'is LRA-3.1.02 red?', cannot: true },
  { q: 'has LRA-1.3.01 been returned?', expect: all(idIs('LRA-1.3.01'), answered(2)) },
  { q: 'status of LRA06', expect: idIs('LRA06') },
  { q: 'how is KPI LRA12 doing', expect: all(kpis, idIs('LRA12')) },
  { q: 'what did DT10 report in Q1?', expect: idIs('DT10') },
  { q: 'LRA-4.1.01 and LRA-4.1.02', expect: idIs('LRA-4.1.01', 'LRA-4.1.02') },
  { q: 'show me LRA-2.2.01', expect: idIs('LRA-2.2.01') },
  { q: 'who owns LRA-1.1.01?', expect: idIs('LRA-1.1.01') },
  { q: 'is LRA-1.4.05 late?', expect: all(idIs('LRA-1.4.05'), lateIn(2)) },
  { q: 'LRA-1.5.02 since Q1', expect: all(idIs('LRA-1.5.02'), changed) },
  { q: 'did LRA-2.1.02 get worse?', expect: all(idIs('LRA-2.1.02'), changed, (r) => diff(r) > 0) },
  { q: 'LRA13 and LRA16', expect: idIs('LRA13', 'LRA16') },
  { q: 'is LRA07 off target?', expect: all(idIs('LRA07'), rated(2, 'red', 'amber')) },
  { q: 'LRA-3.1.01 outstanding?', expect: all(idIs('LRA-3.1.01'), owes(2)) },
  { q: 'how did LRA-1.1.02 look in 2016/17 Q1?', expect: idIs('LRA-1.1.02') },
  { q: 'LRA-9.9.99', cannot: true },
  { q: 'why is LRA-1.2.03 amber?', cannot: true },
];

/** Functions: a team's picture. */
const FUNCTIONS: Case[] = [
  { q: 'how is Archives doing?', expect: fnIs('Archives') },
  { q: 'how are Stock doing this quarter?', expect: fnIs('Stock') },
  { q: 'Registration items late', expect: all(fnIs('Registration'), lateIn(2)) },
  { q: "what's red in Service Development?", expect: all(fnIs('Service Development'), rated(2, 'red')) },
  {
    q: 'Area operations reds in Dover',
    expect: all(fnIs('Area operations'), rated(2, 'red'), inDistrict('Dover')),
  },
  { q: 'anything at risk in Archives?', expect: all(fnIs('Archives'), rated(2, 'red', 'amber')) },
  { q: 'how many Stock items are green?', expect: all(fnIs('Stock'), rated(2, 'green')) },
  { q: "what's outstanding in Registration?", expect: all(fnIs('Registration'), owes(2)) },
  { q: 'who in Stock still owes a return?', expect: all(fnIs('Stock'), owes(2)) },
  { q: 'Service Development ambers in Q1', expect: all(fnIs('Service Development'), rated(1, 'amber')) },
  { q: 'what changed in Registration since Q1?', expect: all(fnIs('Registration'), changed) },
  {
    q: 'which Area operations items got worse since last quarter?',
    expect: all(fnIs('Area operations'), changed, (r) => diff(r) > 0),
  },
  { q: 'Archives greens', expect: all(fnIs('Archives'), rated(2, 'green')) },
  { q: 'what has Registration returned?', expect: all(fnIs('Registration'), answered(2)) },
  { q: 'Stock in outcome 2', expect: all(fnIs('Stock'), (r) => r.outcome === 2) },
  {
    q: 'Area operations late returns in Maidstone',
    expect: all(fnIs('Area operations'), lateIn(2), inDistrict('Maidstone')),
  },
  {
    q: 'improvements in Service Development',
    expect: all(fnIs('Service Development'), changed, (r) => diff(r) < 0),
  },
  { q: 'how is Libraries doing?', cannot: true },
  { q: 'rank the functions by reds', cannot: true },
  { q: 'Archives activities not green', expect: all(fnIs('Archives'), rated(2, 'red', 'amber')) },
];

/** Who still owes: the chasing questions. */
const OWED: Case[] = [
  { q: 'who still owes a return?', expect: owes(2) },
  { q: 'who do we still need returns from?', expect: owes(2) },
  { q: 'who should I chase?', expect: owes(2) },
  { q: 'who is yet to reply?', expect: owes(2) },
  { q: 'which returns are overdue?', expect: owes(2) },
  { q: "who's missing in Dover?", expect: all(owes(2), inDistrict('Dover')) },
  { q: 'what are we waiting for in Thanet?', expect: all(owes(2), inDistrict('Thanet')) },
  { q: "who hasn't replied in Registration?", expect: all(owes(2), fnIs('Registration')) },
  { q: 'outstanding returns for outcome 2', expect: all(owes(2), (r) => r.outcome === 2) },
  { q: "what's still missing from area-ops.maidstone?", expect: all(owes(2), ownerIs(MAIDSTONE)) },
  { q: "what's not in yet?", expect: owes(2) },
  { q: 'who is late?', expect: lateIn(2) },
  { q: 'which KPIs are we waiting on?', expect: all(kpis, owes(2)) },
  { q: 'who owes returns in Countywide?', expect: all(owes(2), inDistrict('Countywide')) },
  { q: 'how many returns are outstanding?', expect: owes(2) },
  { q: 'who needs chasing in Ashford?', expect: all(owes(2), inDistrict('Ashford')) },
  { q: 'still to come in for supporting outcome 1.4', expect: all(owes(2), (r) => r.so === '1.4') },
  { q: 'outstanding KPIs', expect: all(kpis, owes(2)) },
  {
    q: 'which activities have not been answered in Shepway?',
    expect: all((r) => r.kind === 'activity', owes(2), inDistrict('Shepway')),
  },
  { q: "who hadn't returned in Q1?", expect: owes(1) },
  { q: 'who is still outstanding in Gravesham?', expect: all(owes(2), inDistrict('Gravesham')) },
  { q: 'chase list for Tonbridge', expect: all(owes(2), inDistrict('Tonbridge')) },
];

/** In the SMT channel (published quarters only) and questions it cannot answer yet. */
const CHANNEL_AND_CANNOT: Case[] = [
  { q: "what's outstanding in Dover?", view: 'published', expect: all(owes(1), inDistrict('Dover')) },
  { q: 'how is Archives doing?', view: 'published', expect: fnIs('Archives') },
  { q: 'is LRA-1.2.03 red?', view: 'published', expect: all(idIs('LRA-1.2.03'), rated(1, 'red')) },
  { q: "stock@example.org's ambers", view: 'published', expect: all(ownerIs(STOCK), rated(1, 'amber')) },
  { q: 'who still owes in Registration?', view: 'published', expect: all(owes(1), fnIs('Registration')) },
  { q: 'what changed since Q1?', view: 'published', cannot: true },
  { q: "what's the forecast for next year?", cannot: true },
  { q: 'who is the best performer?', cannot: true },
  { q: 'show me the budget', cannot: true },
  { q: 'is Dover doing better than Thanet?', cannot: true },
  { q: 'email the reds to SMT', cannot: true },
  { q: 'delete LRA-1.1.01', cannot: true },
  { q: 'which activities have evidence?', cannot: true },
  { q: "what's the average KPI value?", cannot: true },
  { q: 'approve the digest', cannot: true },
];

export const MORE_CASES: Case[] = [...PEOPLE, ...ITEMS, ...FUNCTIONS, ...OWED, ...CHANNEL_AND_CANNOT];
