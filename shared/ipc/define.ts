// Building blocks for the per-domain contract files: a channel is a name plus strict request/response schemas.
import type { z } from 'zod';

export type ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> = {
  readonly channel: `atm:${string}:${string}`;
  readonly request: Req;
  readonly response: Res;
};

export type EventSpec<Payload extends z.ZodType = z.ZodType> = {
  readonly event: `atm:event:${string}.${string}`;
  readonly payload: Payload;
};

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  name: `atm:${string}:${string}`,
  request: Req,
  response: Res,
): ChannelSpec<Req, Res> {
  return { channel: name, request, response };
}

export function event<Payload extends z.ZodType>(
  name: `atm:event:${string}.${string}`,
  payload: Payload,
): EventSpec<Payload> {
  return { event: name, payload };
}
