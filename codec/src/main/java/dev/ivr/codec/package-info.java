/**
 * Payload encryption for every Temporal client of the project: {@link dev.ivr.codec.PayloadKeys}
 * (rotating AES-256 keys from the environment or files), {@link dev.ivr.codec.EncryptionCodec}
 * (AES-256-GCM, the key id in each payload's metadata), {@link dev.ivr.codec.PayloadEncryption} (the
 * data converter), {@link dev.ivr.codec.CodecProtocol} (the remote codec protocol the Web UI speaks)
 * and {@link dev.ivr.codec.HistoryPayloads} (encrypted payloads inside an exported history). It depends
 * on the Temporal SDK and the JDK's crypto only.
 */
package dev.ivr.codec;
