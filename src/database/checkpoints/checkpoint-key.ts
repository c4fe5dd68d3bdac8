import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Logger, type Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config';
import { ed25519PrivateKey, keyIdOf, publicKeyPem } from './checkpoint-signing';

/** Injection token for the key that signs checkpoints. */
export const CHECKPOINT_KEY = Symbol('CHECKPOINT_KEY');

/** The Ed25519 key that signs checkpoints (issue 21, item 2), held outside the database. */
export interface CheckpointKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
  /** Made at start for want of a configured key (never in production): what it signed proves nothing after a restart. */
  ephemeral: boolean;
}

function keyOf(privateKey: KeyObject, ephemeral: boolean): CheckpointKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey), keyId: keyIdOf(publicKey), ephemeral };
}

/**
 * The key from `CHECKPOINT_PRIVATE_KEY_FILE` or `CHECKPOINT_PRIVATE_KEY` (docs/operations.md "Signed checkpoints").
 * A file that cannot be read, or a key that is not Ed25519, stops the start naming the variable. Without either
 * (refused in production by src/config.ts) a throwaway key is made in memory and the log says what that means.
 */
export function loadCheckpointKey(config: AppConfig['checkpoints'], logger = new Logger('Checkpoints')): CheckpointKey {
  const { privateKeyFile, privateKeyPem } = config;
  const given =
    privateKeyFile !== null
      ? { variable: 'CHECKPOINT_PRIVATE_KEY_FILE', read: () => readFileSync(privateKeyFile, 'utf8') }
      : privateKeyPem !== null
        ? { variable: 'CHECKPOINT_PRIVATE_KEY', read: () => privateKeyPem }
        : null;
  if (given === null) {
    logger.warn(
      'No checkpoint signing key is configured (CHECKPOINT_PRIVATE_KEY_FILE or CHECKPOINT_PRIVATE_KEY): a throwaway key was made for this run. ' +
        'Checkpoints signed with it prove nothing once the service restarts, since its public key is then gone.',
    );
    return keyOf(generateKeyPairSync('ed25519').privateKey, true);
  }
  try {
    return keyOf(ed25519PrivateKey(given.read()), false);
  } catch (error) {
    throw new Error(`${given.variable} does not give an Ed25519 private key in PEM: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export const checkpointKeyProvider: Provider = {
  provide: CHECKPOINT_KEY,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): CheckpointKey => loadCheckpointKey(config.checkpoints),
};
