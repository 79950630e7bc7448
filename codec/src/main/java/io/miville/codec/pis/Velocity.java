package io.miville.codec.pis;

import io.miville.codec.SipParseException;
import io.miville.codec.internal.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How a user agent moves: the {@code Velocity} header of a location-enhanced SEEK
 * (draft-pis-00 Appendix 1 gives only "Velocity: Vector"; this is Miville's syntax). A speed
 * with its unit, then SIP-style parameters for the direction:
 *
 * <pre>
 * Velocity       = speed SWS unit *( SEMI velocity-param )
 * speed          = 1*DIGIT [ "." 1*DIGIT ]             ; not negative
 * unit           = "m/s" / "km/h" / "mph" / "kn"      ; any case
 * velocity-param = "heading" EQUAL decimal             ; degrees clockwise from true north, 0 to below 360
 *                / "climb" EQUAL decimal               ; vertical speed in the same unit, up is positive
 *                / generic-param                       ; kept and written back
 * </pre>
 *
 * <p>Example: {@code Velocity: 1.4 m/s;heading=90} is a walk due east;
 * {@code Velocity: 250 kn;heading=270;climb=-5} an airliner's Airplane-stall on its way down.
 * Without {@code heading} only the speed is known. Speeds above the speed of light are refused.
 *
 * @param speed the speed over ground, in {@code unit}
 * @param unit the unit of {@code speed} and {@code climb}
 * @param heading degrees clockwise from true north, in {@code [0, 360)}, if known
 * @param climb vertical speed in {@code unit}, positive upwards, if known
 * @param extensions other parameters, each as written ({@code name} or {@code name=value}), in order
 */
public record Velocity(double speed, SpeedUnit unit, OptionalDouble heading, OptionalDouble climb, List<String> extensions) {
  /** The speed of light, in m/s: no proxy moves faster. */
  public static final double MAX_METERS_PER_SECOND = 299_792_458;

  /** @throws IllegalArgumentException if a number is out of range or an extension is not a parameter */
  public Velocity {
    double max = maxSpeed(unit);
    speed = PisSyntax.inRange(speed, 0, max, "speed");
    if (heading.isPresent()) {
      double h = heading.getAsDouble();
      if (!(h >= 0 && h < 360)) {
        throw new IllegalArgumentException("heading must be at least 0 and below 360");
      }
      heading = OptionalDouble.of(h + 0.0);
    }
    if (climb.isPresent()) {
      climb = OptionalDouble.of(PisSyntax.inRange(climb.getAsDouble(), -max, max, "climb"));
    }
    extensions = List.copyOf(extensions);
    for (String e : extensions) {
      Cursor c = new Cursor(e);
      String name;
      try {
        name = extension(c);
      } catch (SipParseException x) {
        throw new IllegalArgumentException("an extension must be name or name=value");
      }
      if (!c.atEnd() || isDirection(name)) {
        throw new IllegalArgumentException("an extension must be name or name=value, other than heading or climb");
      }
    }
  }

  /** A speed with no direction. */
  public static Velocity of(double speed, SpeedUnit unit) {
    return new Velocity(speed, unit, OptionalDouble.empty(), OptionalDouble.empty(), List.of());
  }

  /** A speed and a heading in degrees clockwise from true north. */
  public static Velocity of(double speed, SpeedUnit unit, double heading) {
    return new Velocity(speed, unit, OptionalDouble.of(heading), OptionalDouble.empty(), List.of());
  }

  /**
   * Reads a header value such as {@code 1.4 m/s;heading=90}.
   *
   * @throws SipParseException (400) with the offset in {@code text} where it stopped making sense
   */
  public static Velocity parse(String text) {
    return PisSyntax.parseAll(text, Velocity::read, "Velocity");
  }

  private static Velocity read(Cursor c) {
    int speedAt = c.pos();
    if (c.peek() == '-' || c.peek() == '+') {
      throw c.fail("speed must not have a sign");
    }
    double speed = PisSyntax.decimal(c, "speed", 0, Double.MAX_VALUE);
    c.skipWs();
    int unitAt = c.pos();
    while (!c.atEnd() && c.peek() != ';' && c.peek() != ' ' && c.peek() != '\t') {
      c.next();
    }
    SpeedUnit unit;
    try {
      unit = SpeedUnit.of(c.substring(unitAt, c.pos()));
    } catch (IllegalArgumentException e) {
      c.pos(unitAt);
      throw c.fail("expected speed unit m/s, km/h, mph or kn");
    }
    double limit = maxSpeed(unit);
    if (speed > limit) {
      c.pos(speedAt);
      throw c.fail("speed out of range");
    }
    OptionalDouble heading = OptionalDouble.empty();
    OptionalDouble climb = OptionalDouble.empty();
    List<String> extensions = new ArrayList<>(0);
    while (c.trySeparator(';')) {
      int at = c.pos();
      String name = c.token("expected parameter name").toLowerCase(Locale.ROOT);
      if (isDirection(name)) {
        if ((name.equals("heading") ? heading : climb).isPresent()) {
          c.pos(at);
          throw c.fail("repeated " + name + " parameter");
        }
        c.expectSeparator('=', "expected = after " + name);
        if (name.equals("heading")) {
          heading = OptionalDouble.of(PisSyntax.decimal(c, "heading", 0, Math.nextDown(360.0)));
        } else {
          climb = OptionalDouble.of(PisSyntax.decimal(c, "climb", -limit, limit));
        }
      } else {
        c.pos(at);
        extension(c);
        extensions.add(c.substring(at, c.pos()));
      }
    }
    return new Velocity(speed, unit, heading, climb, extensions);
  }

  /** generic-param = token [ EQUAL ( token / quoted-string ) ]; returns the name in lower case. */
  private static String extension(Cursor c) {
    String name = c.token("expected parameter name");
    if (c.tryChar('=')) {
      if (c.peek() == '"') {
        c.quotedRaw();
      } else {
        c.token("expected parameter value");
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** The speed of light in {@code unit}. */
  private static double maxSpeed(SpeedUnit unit) {
    return MAX_METERS_PER_SECOND / unit.toMetersPerSecond(1);
  }

  private static boolean isDirection(String lowerName) {
    return lowerName.equals("heading") || lowerName.equals("climb");
  }

  /** The speed in metres per second. */
  public double metersPerSecond() {
    return unit.toMetersPerSecond(speed);
  }

  /** The northward part of the horizontal velocity in m/s, if the heading is known. */
  public OptionalDouble northMetersPerSecond() {
    return heading.isEmpty() ? OptionalDouble.empty()
        : OptionalDouble.of(metersPerSecond() * Math.cos(Math.toRadians(heading.getAsDouble())));
  }

  /** The eastward part of the horizontal velocity in m/s, if the heading is known. */
  public OptionalDouble eastMetersPerSecond() {
    return heading.isEmpty() ? OptionalDouble.empty()
        : OptionalDouble.of(metersPerSecond() * Math.sin(Math.toRadians(heading.getAsDouble())));
  }

  /** The vertical speed in m/s, positive upwards, if known. */
  public OptionalDouble climbMetersPerSecond() {
    return climb.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(unit.toMetersPerSecond(climb.getAsDouble()));
  }

  /** The header value, for example {@code 1.4 m/s;heading=90}: heading, then climb, then extensions. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder().append(PisSyntax.format(speed)).append(' ').append(unit);
    heading.ifPresent(h -> b.append(";heading=").append(PisSyntax.format(h)));
    climb.ifPresent(v -> b.append(";climb=").append(PisSyntax.format(v)));
    extensions.forEach(e -> b.append(';').append(e));
    return b.toString();
  }
}
