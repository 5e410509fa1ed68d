/**
 * Topic ids promised by ../shared/conversation-contract.md. Every one must exist in
 * knowledge/topics/; more topics may be added freely.
 */
export const CONTRACT_TOPIC_IDS = [
  'sciatica-what-is',
  'sciatica-symptoms',
  'sciatica-causes',
  'disc-vs-stenosis',
  'natural-course',
  'rest-or-move',
  'red-flags',
  'prevention',
  'pt-effectiveness',
  'first-visit',
  'prepare-for-visit',
  'treatment-approaches',
  'manual-therapy',
  'nerve-glides',
  'mckenzie-method',
  'strengthening',
  'stretching-mobility',
  'traction-decompression',
  'pain-relief-at-home',
  'posture-lifting',
  'home-exercises',
  'recovery-time',
  'session-length',
  'pt-vs-chiropractor',
  'surgery',
  'imaging',
  'referral',
  'clinic-locations',
  'clinic-hours',
  'insurance-cost',
  'contact-human',
] as const;

export type ContractTopicId = (typeof CONTRACT_TOPIC_IDS)[number];
