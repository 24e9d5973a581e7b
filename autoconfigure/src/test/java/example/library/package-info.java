/**
 * A stand-in for a third-party library, for the tests of reload-hook's sweep of library
 * caches.
 */
@NullMarked
package example.library;

import org.jspecify.annotations.NullMarked;
