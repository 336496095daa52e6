package dev.mfastepup.service;

/** Counts that are plain integers, written as decimal text, as the limiters' codecs write theirs. */
final class NumberCodec implements CountCodec<Integer> {

    static final NumberCodec NUMBER = new NumberCodec();

    private NumberCodec() {
    }

    @Override
    public String write(Integer count) {
        return count.toString();
    }

    @Override
    public Integer read(String text) {
        return Integer.valueOf(text);
    }
}
