package io.miville.pis.controller;

import io.miville.transaction.time.Lane;

/** Something single-threaded on a lane, which says which: the controllers {@link Controllers} makes. */
public interface OnLane {

  /** The lane every call must be made on. */
  Lane lane();
}
