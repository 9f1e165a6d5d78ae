export const severityOptions = [
  { value: 'blocker', name: 'Blocker', explanation: 'Stops you testing, or loses data, with no way around it.' },
  {
    value: 'major',
    name: 'Major',
    explanation: 'A main feature fails or gives wrong results; any workaround is painful.',
  },
  { value: 'minor', name: 'Minor', explanation: 'Something is wrong, but an easy workaround exists.' },
  {
    value: 'cosmetic',
    name: 'Cosmetic',
    explanation: 'Looks wrong (layout, wording, colours) but works as it should.',
  },
] as const;

export type Severity = (typeof severityOptions)[number]['value'];
