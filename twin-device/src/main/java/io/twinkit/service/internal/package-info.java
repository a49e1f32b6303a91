/**
 * The adapter between twinkit and the official SDK: not part of the API, may change in any release.
 */
@NullMarked
package io.twinkit.service.internal;

import org.jspecify.annotations.NullMarked;
