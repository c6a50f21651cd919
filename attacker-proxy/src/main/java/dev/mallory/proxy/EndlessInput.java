package dev.mallory.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.stream.ChunkedInput;
import java.nio.charset.StandardCharsets;

/**
 * Endless bytes at memory speed: every chunk is a view of one shared, never-freed buffer, so the
 * attacker spends no allocation per chunk and the client, not the proxy, is the bottleneck.
 */
final class EndlessInput implements ChunkedInput<ByteBuf> {
  private static final int CHUNK = 64 * 1024;
  private static final ByteBuf PATTERN;

  static {
    byte[] bytes = new byte[CHUNK];
    byte[] line = "{\"signed\":\"mallory endless data\"}\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = line[i % line.length];
    }
    PATTERN = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CHUNK).writeBytes(bytes).asReadOnly());
  }

  private final long limit;
  private long sent;

  EndlessInput(long limit) {
    this.limit = limit;
  }

  @Override
  public boolean isEndOfInput() {
    return sent >= limit;
  }

  @Override
  public void close() {}

  @Deprecated
  @Override
  public ByteBuf readChunk(io.netty.channel.ChannelHandlerContext ctx) {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) {
    if (isEndOfInput()) {
      return null;
    }
    int n = (int) Math.min(CHUNK, limit - sent);
    sent += n;
    return PATTERN.duplicate().writerIndex(n);
  }

  @Override
  public long length() {
    return -1;
  }

  @Override
  public long progress() {
    return sent;
  }
}
