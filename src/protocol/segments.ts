// PLACEHOLDER until the message helper writes the 26 segment types (issue 2).
export type SegmentType = string;
export interface SendSegment {
  type: string;
  data: Record<string, unknown>;
}
export interface ReceiveSegment {
  type: string;
  data: Record<string, unknown>;
}
export const SEGMENT_TYPES: readonly string[] = [];
