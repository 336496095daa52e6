package dev.mfastepup.emulator;

/**
 * A fault to inject into the answers of one path, for testing a client's failure handling.
 *
 * @param path the path below the emulator's root, such as {@code /oauth/token}.
 * @param kind {@code latency} (delay, then answer), {@code status500}, {@code html} (a 502 HTML page, as a proxy
 *        would send) or {@code reset} (the connection breaks mid-answer).
 * @param millis the delay of {@code latency}.
 * @param times how many requests it still hits; 0 or less for every request until it is removed.
 */
public record Fault(String path, String kind, long millis, int times) {
}
