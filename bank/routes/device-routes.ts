// Device authentication: credentials → short-lived token, and secret rotation proposed by the device itself.
import {
  deviceTokenRequestSchema,
  rotateDeviceSecretRequestSchema,
  tokenResponseSchema,
} from '../../shared/bank-api/index.ts';
import {
  type BankApp,
  type BankContext,
  DEVICE_SECURITY,
  devicePrincipal,
  ERROR_RESPONSES,
  NO_CONTENT,
} from '../context.ts';
import { BankError } from '../errors.ts';

export function registerDeviceRoutes(app: BankApp, context: BankContext): void {
  const { devices, tokens, ipBlock, limits } = context;

  app.post('/v1/devices/token', {
    config: { rateLimit: { max: limits.authRateLimitMax, timeWindow: limits.rateLimitWindowMs } },
    schema: {
      tags: ['device'],
      summary: 'Exchange device credentials for a short-lived bearer token',
      body: deviceTokenRequestSchema,
      response: { 200: tokenResponseSchema, ...ERROR_RESPONSES },
    },
    handler: async (request) => {
      const device = devices.authenticate(request.body.deviceId, request.body.deviceSecret);
      if (!device) {
        ipBlock.recordFailure(request.ip);
        throw new BankError('invalid_credentials', 'Unknown device, wrong secret, or device revoked.');
      }
      const { token } = await tokens.sign('device', device.id, { secretVersion: device.secret_version });
      return { accessToken: token, tokenType: 'Bearer' as const, expiresInS: tokens.ttlOf('device') };
    },
  });

  app.post('/v1/devices/me/secret', {
    config: { auth: 'device' },
    schema: {
      tags: ['device'],
      summary: 'Rotate this device’s secret to one the device generated and persisted first',
      description:
        'Tokens issued under the old secret stop working. If the response is lost, try the new secret, then the old.',
      security: DEVICE_SECURITY,
      body: rotateDeviceSecretRequestSchema,
      response: { 204: NO_CONTENT, ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      devices.rotate(devicePrincipal(request.principal), request.body.newDeviceSecret);
      return reply.code(204).send();
    },
  });
}
