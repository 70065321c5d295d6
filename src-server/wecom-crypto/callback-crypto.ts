// WeCom's callback encryption (DOC 90968): msg_signature = sha1 of the sorted (token, timestamp,
// nonce, encrypt); AES-256-CBC with key = base64(EncodingAESKey + "="), IV = key[0..16), PKCS#7
// padded to 32 bytes; plaintext = random(16) + msg_len(4, big-endian) + msg + receiveid.
// Used by the simulator to send and by the team server (and tests) to receive.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export function aesKeyOf(encodingAesKey: string): Buffer {
  if (encodingAesKey.length !== 43) throw new Error('EncodingAESKey must be 43 characters');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

function pad32(buf: Buffer): Buffer {
  const n = 32 - (buf.length % 32);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
}

function unpad32(buf: Buffer): Buffer {
  const n = buf[buf.length - 1] ?? 0;
  if (n < 1 || n > 32) throw new Error('bad padding');
  return buf.subarray(0, buf.length - n);
}

export function encryptMessage(encodingAesKey: string, receiveId: string, msg: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(msg, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  const plain = pad32(Buffer.concat([random, len, body, Buffer.from(receiveId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

export function decryptMessage(encodingAesKey: string, encrypt: string): { msg: string; receiveId: string } {
  const key = aesKeyOf(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = unpad32(Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]));
  const len = plain.readUInt32BE(16);
  return { msg: plain.subarray(20, 20 + len).toString('utf8'), receiveId: plain.subarray(20 + len).toString('utf8') };
}

/** Verifies the signature and decrypts; throws when the signature or the receiver is wrong. */
export function openCallback(
  cfg: { token: string; encodingAesKey: string; receiveId: string },
  query: { msg_signature: string; timestamp: string; nonce: string },
  encrypt: string,
): string {
  if (msgSignature(cfg.token, query.timestamp, query.nonce, encrypt) !== query.msg_signature) throw new Error('msg_signature mismatch');
  const { msg, receiveId } = decryptMessage(cfg.encodingAesKey, encrypt);
  if (receiveId !== cfg.receiveId) throw new Error('receiveid mismatch');
  return msg;
}

/** The <Encrypt> element of a callback body (CDATA or plain). */
export function encryptOfXml(xml: string): string | undefined {
  return /<Encrypt>\s*(?:<!\[CDATA\[)?([^\]<]+)(?:\]\]>)?\s*<\/Encrypt>/.exec(xml)?.[1];
}

/** JS-SDK signature (official page 96909): sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…"), url without '#…', not URL-encoded. */
export function jsapiSignature(ticket: string, noncestr: string, timestamp: number | string, url: string): string {
  return createHash('sha1').update(`jsapi_ticket=${ticket}&noncestr=${noncestr}&timestamp=${timestamp}&url=${url.split('#')[0]}`).digest('hex');
}
