import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CHECKPOINTED_TABLES, type HistoryTableName } from './history-rows';

/**
 * A signed checkpoint (issue 21, item 2; docs/architecture.md §11, "Signed checkpoints"): each history table's
 * highest `seq` covered, the heads of every chain changed since the previous checkpoint and their digest, the
 * previous checkpoint's signature (so checkpoints chain too), and an Ed25519 signature over all of it. Pure: no
 * clock, no database; the service and `npm run verify-archive` share it.
 */
export interface CheckpointBody {
  /** The previous checkpoint's id plus one (1 for the first): signed, so known before the INSERT. */
  id: number;
  /** ISO instant. */
  madeAt: string;
  reason: 'rows' | 'hourly';
  /** Per history table, the highest `seq` covered (the previous checkpoint's when nothing was added). */
  seqs: Record<HistoryTableName, number>;
  /** sha256 (hex) of `heads`. */
  headsDigest: string;
  /** Canonical JSON of `{ table: { aggregateId: headHash } }`: each chain changed since the previous checkpoint, its head as of `seqs`. */
  heads: string;
  prevSignature: string | null;
  /** sha256 (hex) of the signing key's public half (SPKI DER). */
  keyId: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Base64 Ed25519 signature of {@link signedText}. */
  signature: string;
}

/** The heads a checkpoint signs, per table, per aggregate. */
export type CheckpointHeads = Partial<Record<HistoryTableName, Record<string, string>>>;

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** The public half of a private key, or the public key itself. */
const publicHalf = (key: KeyObject): KeyObject => (key.type === 'public' ? key : createPublicKey(key));

/** The public key as PEM (SPKI). */
export const publicKeyPem = (key: KeyObject): string => publicHalf(key).export({ type: 'spki', format: 'pem' }).toString();

/** The key id of a private or public key: sha256 of its public half's SPKI DER. */
export const keyIdOf = (key: KeyObject): string => sha256(publicHalf(key).export({ type: 'spki', format: 'der' }));

/** An Ed25519 private key from PEM; throws a plain message otherwise. */
export function ed25519PrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it is a ${key.asymmetricKeyType ?? 'symmetric'} key, not an Ed25519 one`);
  return key;
}

/** An Ed25519 public key from PEM (SPKI), or the public half of a private key PEM. */
export function ed25519PublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it is a ${key.asymmetricKeyType ?? 'symmetric'} key, not an Ed25519 one`);
  return key;
}

/**
 * What is signed: the canonical JSON (RFC 8785) of every column of `history_checkpoint` but the signature, by
 * column name. A column added later must join it only in a way that leaves the old checkpoints' text as it was.
 */
export function signedText(body: CheckpointBody): string {
  const columns: Record<string, unknown> = {
    id: body.id,
    made_at: body.madeAt,
    reason: body.reason,
    heads_digest: body.headsDigest,
    heads: body.heads,
    prev_signature: body.prevSignature,
    key_id: body.keyId,
  };
  for (const t of CHECKPOINTED_TABLES) {
    // A table covered later joins the text once it has rows: before that its column was 0 (or not there at all).
    if (t.joinedLater && body.seqs[t.table] === 0) continue;
    columns[`${t.table}_seq`] = body.seqs[t.table];
  }
  return canonicalize(columns) ?? '';
}

/** The digest a checkpoint keeps of its heads. */
export const headsDigestOf = (heads: string): string => sha256(heads);

/** The next checkpoint after `previous`, signed with `privateKey`. */
export function makeCheckpoint(
  privateKey: KeyObject,
  previous: Checkpoint | null,
  covered: { madeAt: Date; reason: CheckpointBody['reason']; seqs: Record<HistoryTableName, number>; heads: CheckpointHeads },
): Checkpoint {
  const heads = canonicalize(covered.heads) ?? '{}';
  const body: CheckpointBody = {
    id: (previous?.id ?? 0) + 1,
    madeAt: covered.madeAt.toISOString(),
    reason: covered.reason,
    seqs: covered.seqs,
    headsDigest: headsDigestOf(heads),
    heads,
    prevSignature: previous?.signature ?? null,
    keyId: keyIdOf(privateKey),
  };
  return { ...body, signature: sign(null, Buffer.from(signedText(body)), privateKey).toString('base64') };
}

/** Whether `checkpoint`'s signature is the public key's over its columns. */
export function signatureValid(publicKey: KeyObject, checkpoint: Checkpoint): boolean {
  try {
    return verify(null, Buffer.from(signedText(checkpoint)), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
