// Device (kiosk) authentication: device id + secret → short-lived bearer token; the device rotates its own secret by
// proposing a new one it has already persisted, so a secret never travels in a response.
import { z } from 'zod';

export const DEVICE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;
export const DEVICE_SECRET_LENGTH_MIN = 32;
export const DEVICE_SECRET_LENGTH_MAX = 128;

export const deviceIdSchema = z.string().regex(DEVICE_ID_PATTERN);
export const deviceSecretSchema = z.string().min(DEVICE_SECRET_LENGTH_MIN).max(DEVICE_SECRET_LENGTH_MAX);

export const deviceTokenRequestSchema = z.strictObject({ deviceId: deviceIdSchema, deviceSecret: deviceSecretSchema });
export type DeviceTokenRequest = z.infer<typeof deviceTokenRequestSchema>;

export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresInS: z.number().int().positive(),
});
export type DeviceTokenResponse = z.infer<typeof tokenResponseSchema>;

export const rotateDeviceSecretRequestSchema = z.strictObject({
  newDeviceSecret: deviceSecretSchema.describe(
    'Generated and persisted by the kiosk before the call; try it first, the old one second, until a token request succeeds.',
  ),
});
export type RotateDeviceSecretRequest = z.infer<typeof rotateDeviceSecretRequestSchema>;
