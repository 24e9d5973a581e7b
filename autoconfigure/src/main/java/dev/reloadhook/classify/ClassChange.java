package dev.reloadhook.classify;

/**
 * One changed class file and how it changed.
 *
 * @param className the binary class name (e.g. {@code com.example.Foo$Bar})
 * @param bytes the new class file bytes (empty when deleted)
 * @param kind how it changed
 * @author reload-hook
 */
public record ClassChange(String className, byte[] bytes, ChangeKind kind) {
}
