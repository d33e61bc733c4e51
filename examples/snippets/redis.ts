import { TieredStore } from '@keycloak-ts/core';
import { Keycloak } from '@keycloak-ts/express';
import { RedisStore } from '@keycloak-ts/redis';
import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
client.on('error', () => {}); // node-redis reconnects by itself; the store logs the outage once
await client.connect();
const store = new TieredStore({ shared: new RedisStore({ client, prefix: 'orders-api:' }), logger: console });
export const keycloak = new Keycloak({
  serverUrl: 'http://localhost:8080',
  realm: 'demo',
  clientId: 'demo-api',
  store,
});
