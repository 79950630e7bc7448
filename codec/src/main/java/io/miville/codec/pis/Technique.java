package io.miville.codec.pis;

import io.miville.codec.SipMethod;
import java.util.List;
import java.util.Optional;

/**
 * How a FLUSH or a FRESHEN is carried out: one word of the {@code How} header
 * (draft-pis-00 §2.3 for FLUSH, §2.5 for FRESHEN).
 */
public final class Technique extends PisTerm<Technique> {
  private static final Vocabulary<Technique> VOCABULARY = Vocabulary.phrases();
  private static final int OPEN_FLAME = 1;
  private static final int ALSO_FRESHENS = 2;

  // §2.3, FLUSH
  public static final Technique TILT_LEVER_HANDLE = flush("Tilt-Lever-handle", 0);
  public static final Technique INJECTION_TILT_VALVE = flush("Injection-Tilt-Valve", 0);
  public static final Technique PRESS_BUTTON = flush("Press-Button", 0);
  public static final Technique AUTOMATIC = flush("Automatic", 0);
  public static final Technique PLUNGER = flush("Plunger", 0);
  public static final Technique MARINE_PLUNGER_PUMP = flush("Marine-Plunger-Pump", 0);
  public static final Technique RETURN_KNOB = flush("Return-knob", 0);
  public static final Technique PAIL_O_WATER = flush("Pail-o-water", 0);
  public static final Technique OVERHEAD_PULL_CHAIN = flush("Overhead-pull-chain", 0);
  /** §2.5: on an airplane, a vacuum FLUSH "MAY achieve the equivalent of FRESHEN". */
  public static final Technique VACUUM_FLUSH = flush("Vacuum-Flush", ALSO_FRESHENS);
  /** §2.5, marine heads. */
  public static final Technique ELECTRIC_PUMP_FLUSHER = flush("electric-pump-flusher", 0);
  public static final Technique MANUAL_PUMP_FLUSHER = flush("manual-pump-flusher", 0);
  // §2.5, FRESHEN
  public static final Technique OZIUM = freshen("Ozium", 0);
  public static final Technique POTPOURRI = freshen("Potpourri", 0);
  public static final Technique CARBOLINE_BASED_PROPELLANT_SPRAY = freshen("Carboline-based-propellant-spray", 0);
  /** §2.5: the commercial name of Carboline-based-propellant-spray. */
  public static final Technique LYESOL =
      VOCABULARY.add(new Technique("LYESOL", true, CARBOLINE_BASED_PROPELLANT_SPRAY, SipMethod.FRESHEN, 0));
  public static final Technique AROMATIC_CANDLE = freshen("Aromatic-candle", 0);
  /** §2.5: self-implemented by the user; with methane about, answered by 699 Explosion. */
  public static final Technique STRIKE_MATCH = freshen("Strike-Match", OPEN_FLAME);
  public static final Technique LIGHT_CIGARETTE = freshen("Light-Cigarette", OPEN_FLAME);

  private final SipMethod method;
  private final int traits;

  private Technique(String name, boolean known, Technique synonymOf, SipMethod method, int traits) {
    super(name, known, synonymOf);
    this.method = method;
    this.traits = traits;
  }

  private static Technique flush(String name, int traits) {
    return VOCABULARY.add(new Technique(name, true, null, SipMethod.FLUSH, traits));
  }

  private static Technique freshen(String name, int traits) {
    return VOCABULARY.add(new Technique(name, true, null, SipMethod.FRESHEN, traits));
  }

  /** The technique spelled {@code name} (any case); unknown ones are kept as written. */
  public static Technique of(String name) {
    return VOCABULARY.of(name, n -> new Technique(n, false, null, null, 0));
  }

  public static List<Technique> knownValues() {
    return VOCABULARY.knownValues();
  }

  /** The method this technique carries out (FLUSH or FRESHEN); unknown for unknown words. */
  public Optional<SipMethod> method() {
    return Optional.ofNullable(method);
  }

  /**
   * True for Strike-Match and Light-Cigarette: inappropriate on an airplane, and a risk to the
   * user agent where combustible gases are present (§2.5, {@code 699 Explosion}).
   */
  public boolean isOpenFlame() {
    return (traits & OPEN_FLAME) != 0;
  }

  /** True for the FRESHEN techniques and for a FLUSH that freshens as well (Vacuum-Flush, §2.5). */
  public boolean freshens() {
    return (traits & ALSO_FRESHENS) != 0 || method == SipMethod.FRESHEN;
  }
}
