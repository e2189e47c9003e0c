package io.convoy.worker.collective;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * The first bytes on every ring connection: the connecting rank says who it is and proves it
 * belongs to the job with the job's random token; the accepting rank answers with one status
 * byte. A connection with a wrong token, rank or ring size is answered with a refusal and
 * closed, so a stray or hostile client never gets to inject numbers into a sum.
 */
final class Handshake {
  static final int MAGIC = 0x434f4e56; // "CONV"
  static final int ACCEPTED = 1;
  static final int WRONG_TOKEN = 2;
  static final int WRONG_PEER = 3;

  final int size;
  final int rank;
  final byte[] token;

  Handshake(int size, int rank, byte[] token) {
    this.size = size;
    this.rank = rank;
    this.token = token;
  }

  void write(OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(stream);
    out.writeInt(MAGIC);
    out.writeInt(size);
    out.writeInt(rank);
    out.writeInt(token.length);
    out.write(token);
    out.flush();
  }

  /** Reads a handshake; null when the bytes are not one (not a convoy peer at all). */
  static Handshake read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    if (in.readInt() != MAGIC) {
      return null;
    }
    int size = in.readInt();
    int rank = in.readInt();
    int length = in.readInt();
    if (length < 0 || length > 4096) {
      return null;
    }
    byte[] token = new byte[length];
    in.readFully(token);
    return new Handshake(size, rank, token);
  }

  /** The status a listener answers {@code offered} with, expecting this handshake's values. */
  int judge(Handshake offered) {
    if (offered == null || !MessageDigest.isEqual(token, offered.token)) {
      return WRONG_TOKEN;
    }
    return offered.size == size && offered.rank == rank ? ACCEPTED : WRONG_PEER;
  }

  static String describe(int status) {
    return switch (status) {
      case ACCEPTED -> "accepted";
      case WRONG_TOKEN -> "refused: wrong job token";
      case WRONG_PEER -> "refused: unexpected rank or ring size";
      default -> "refused with unknown status " + status;
    };
  }
}
