import { z } from "zod";
import { isReservedTopic, RESERVED_TOPICS, TOPIC_PATTERN } from "@/lib/realtime/topics";
import { ANY_TOPIC } from "@/lib/tokens/scope";

export const MAX_NAME_LENGTH = 100;
export const MAX_SCOPE_TOPICS = 100;

const reserved = [...RESERVED_TOPICS].join(", ");

const topicsSchema = z
  .array(z.string())
  .min(1, { error: "Give at least one topic, or * for any non-reserved topic." })
  .max(MAX_SCOPE_TOPICS, { error: `A token may list at most ${MAX_SCOPE_TOPICS} topics.` })
  .transform((topics) => [...new Set(topics.map((t) => t.trim()))])
  .superRefine((topics, context) => {
    for (const topic of topics) {
      if (topic === ANY_TOPIC) continue;
      if (!TOPIC_PATTERN.test(topic)) {
        context.addIssue({
          code: "custom",
          message: `Topic "${topic}" is not valid: use lowercase letters, digits, ".", "_" or "-", starting with a letter, at most 64 characters.`,
        });
      } else if (isReservedTopic(topic)) {
        context.addIssue({
          code: "custom",
          message: `Topic "${topic}" is reserved for the app's own features (${reserved}) and cannot be given to a token.`,
        });
      }
    }
    if (topics.includes(ANY_TOPIC) && topics.length > 1) {
      context.addIssue({
        code: "custom",
        message: `Use ${ANY_TOPIC} alone: it already covers every non-reserved topic.`,
      });
    }
  });

/** A new API token: a name for people and the topics it may publish to. */
export const newTokenSchema = z.object({
  name: z
    .string({ error: "A name is required." })
    .trim()
    .min(1, { error: "A name is required." })
    .max(MAX_NAME_LENGTH, { error: `The name must be at most ${MAX_NAME_LENGTH} characters.` })
    // Names are printed in lists, one token per line.
    .regex(/^[^\p{Cc}]*$/u, {
      error: "The name must not contain control characters such as newlines.",
    }),
  topics: topicsSchema.default([ANY_TOPIC]),
});

export type NewTokenInput = z.input<typeof newTokenSchema>;
export type NewToken = z.output<typeof newTokenSchema>;
