import { severityNames } from '../../lib/report-labels.ts';

export const severityOptions = [
  {
    value: 'blocker',
    name: severityNames.blocker,
    explanation: 'Stops you testing, or loses data, with no way around it.',
  },
  {
    value: 'major',
    name: severityNames.major,
    explanation: 'A main feature fails or gives wrong results; any workaround is painful.',
  },
  { value: 'minor', name: severityNames.minor, explanation: 'Something is wrong, but an easy workaround exists.' },
  {
    value: 'cosmetic',
    name: severityNames.cosmetic,
    explanation: 'Looks wrong (layout, wording, colours) but works as it should.',
  },
] as const;

export type Severity = (typeof severityOptions)[number]['value'];
