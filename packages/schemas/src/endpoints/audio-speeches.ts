import type * as v from 'valibot';
import { createModelUsageResultSchema, defineModelUsageEndpoint } from '../model-usage';

/** One audio_speeches usage result: characters and requests for one bucket and group. */
export const AudioSpeechesResultSchema = /* @__PURE__ */ createModelUsageResultSchema(
  'organization.usage.audio_speeches.result',
  'characters',
);

/** One audio_speeches usage result. */
export type AudioSpeechesResult = v.InferOutput<typeof AudioSpeechesResultSchema>;

/** `GET /organization/usage/audio_speeches`. */
export const audioSpeechesEndpoint = /* @__PURE__ */ (() =>
  // Pure IIFE: bundlers drop it when unused, whatever it spreads or calls inside.
  defineModelUsageEndpoint({
    name: 'audio_speeches',
    label: 'Audio: speech',
    resultObject: 'organization.usage.audio_speeches.result',
    resultSchema: AudioSpeechesResultSchema,
    counterName: 'characters',
    unit: 'characters',
    counterLabel: 'Characters',
  }))();

/** Query parameters of the audio_speeches endpoint. */
export type AudioSpeechesParams = v.InferOutput<typeof audioSpeechesEndpoint.paramsSchema>;
