package dev.mfastepup.config;

import java.util.Locale;
import java.util.Optional;

/** Reads a configured value that names a constant of an enum, in any case and with spaces around it. */
final class EnumSetting {

    private EnumSetting() {
    }

    static <E extends Enum<E>> Optional<E> named(E[] constants, String value) {
        String name = value.strip().toUpperCase(Locale.ROOT);
        for (E constant : constants) {
            if (constant.name().equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
