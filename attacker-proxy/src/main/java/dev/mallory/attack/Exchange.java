package dev.mallory.attack;

import dev.mallory.classify.Classified;

/**
 * One request and upstream's answer to it. The proxy always asks upstream first, so the recorder
 * learns every version and the journal can show what an attack replaced.
 *
 * @param host the host the client asked for
 * @param request the classified request
 * @param upstream upstream's answer
 */
public record Exchange(String host, Classified request, UpstreamResponse upstream) {}
