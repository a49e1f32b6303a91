/**
 * IoT Plug and Play writable-property acknowledgements: the {@code {value, ac, av, ad}} wrapper a device reports
 * under the name of a writable property, the components that group properties, and reading a property's
 * acknowledgement state from a twin.
 *
 * <p>The convention, as the device follows it: the back end writes a desired value, the device applies it and
 * answers in reported under the <em>same name</em>, naming the desired {@code $version} it answers in {@code av}.
 * Properties of a named component live one level down, in an object marked {@code "__t":"c"}:
 *
 * <pre>{@code
 * "desired":  {"targetTemperature": 21.3,
 *              "thermostat1": {"__t": "c", "targetTemperature": 19.5},
 *              "$version": 3}
 * "reported": {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"},
 *              "thermostat1": {"__t": "c", "targetTemperature": {"value": 19.5, "ac": 202, "av": 3}}}
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.twinkit.core.pnp.WritablePropertyAck} is the wrapper, with the codes of
 *       {@link io.twinkit.core.pnp.AckCodes};</li>
 *   <li>{@link io.twinkit.core.pnp.WritableProperties} reads a property's
 *       {@link io.twinkit.core.pnp.WritablePropertyStatus} from the desired and reported sections, builds the
 *       reported patch that acknowledges one or several properties, and lists the properties a device still has
 *       to answer after it starts;</li>
 *   <li>{@link io.twinkit.core.pnp.PnpComponents} finds components and their properties.</li>
 * </ul>
 *
 * <p>Every type is immutable and thread-safe, or a stateless utility. Parameters and return values are non-null
 * unless annotated {@code @Nullable}; a {@code null} component always means the default (root) component. Invalid
 * arguments raise {@link java.lang.IllegalArgumentException} naming the value and the rule it breaks.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot/concepts-convention">IoT Plug and Play conventions</a>
 */
@NullMarked
package io.twinkit.core.pnp;

import org.jspecify.annotations.NullMarked;
