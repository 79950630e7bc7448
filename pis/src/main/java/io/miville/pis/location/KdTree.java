package io.miville.pis.location;

import java.util.Arrays;

/**
 * A static KD-tree over points on a sphere, kept as 3-D unit vectors so that distances have no
 * seam at the antimeridian or the poles: the straight-line (chord) distance between two unit
 * vectors grows with the great-circle distance, so the k nearest by chord are the k nearest on
 * the ground. Built once (O(n log n), median splits on the widest axis, 3-way partition so that
 * many points at one spot are fine), then read by any thread without locks.
 *
 * <p>Queries are best-first: subtrees wait in a priority queue ordered by the incremental lower
 * bound of Arya and Mount (the squared distance from the query to a subtree's cell is at least
 * the sum of the squared offsets of the splitting planes crossed to reach it), so the search
 * expands outwards from the query and stops as soon as no waiting subtree can beat the k-th best.
 * The caller scores each point ({@link Scorer}); a refused point costs {@code +∞}, so a very
 * selective filter only makes the search expand further, and it always ends.
 */
final class KdTree {
  private static final int LEAF = 8;

  /** Scores point {@code id} at squared chord distance {@code chord2}: lower is better, {@code +∞} refuses it. */
  interface Scorer {
    double cost(int id, double chord2);
  }

  /** The least cost any point at squared chord distance at least {@code chord2} could have (non-decreasing). */
  interface Bound {
    double atLeast(double chord2);
  }

  private final double[] x;
  private final double[] y;
  private final double[] z;
  private final int[] ids;
  private final byte[] dims;

  private KdTree(double[] x, double[] y, double[] z, int[] ids, byte[] dims) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.ids = ids;
    this.dims = dims;
  }

  /** The tree of the points {@code lat[i], lon[i]} (degrees), each known by its index {@code i}. */
  static KdTree build(double[] latDegrees, double[] lonDegrees) {
    int n = latDegrees.length;
    double[][] c = new double[3][n];
    for (int i = 0; i < n; i++) {
      double lat = Math.toRadians(latDegrees[i]);
      double lon = Math.toRadians(lonDegrees[i]);
      double cl = Math.cos(lat);
      c[0][i] = cl * Math.cos(lon);
      c[1][i] = cl * Math.sin(lon);
      c[2][i] = Math.sin(lat);
    }
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    byte[] dims = new byte[n];
    split(c, perm, dims, 0, n);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = c[0][perm[i]];
      y[i] = c[1][perm[i]];
      z[i] = c[2][perm[i]];
    }
    return new KdTree(x, y, z, perm, dims);
  }

  private static void split(double[][] c, int[] perm, byte[] dims, int lo, int hi) {
    while (hi - lo > LEAF) {
      int dim = widest(c, perm, lo, hi);
      int mid = (lo + hi) >>> 1;
      select(c[dim], perm, lo, hi, mid);
      dims[mid] = (byte) dim;
      // recurse into the smaller half, loop on the larger: the stack stays O(log n)
      if (mid - lo < hi - mid - 1) {
        split(c, perm, dims, lo, mid);
        lo = mid + 1;
      } else {
        split(c, perm, dims, mid + 1, hi);
        hi = mid;
      }
    }
  }

  private static int widest(double[][] c, int[] perm, int lo, int hi) {
    int best = 0;
    double bestSpread = -1;
    for (int d = 0; d < 3; d++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double[] v = c[d];
      for (int i = lo; i < hi; i++) {
        double a = v[perm[i]];
        min = Math.min(min, a);
        max = Math.max(max, a);
      }
      if (max - min > bestSpread) {
        bestSpread = max - min;
        best = d;
      }
    }
    return best;
  }

  /** Moves the k-th smallest of {@code v[perm[lo..hi)]} to {@code perm[k]}, smaller ones before, larger after. */
  private static void select(double[] v, int[] perm, int lo, int hi, int k) {
    while (hi - lo > 1) {
      int m = (lo + hi) >>> 1;
      double a = v[perm[lo]];
      double b = v[perm[m]];
      double d = v[perm[hi - 1]];
      double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), d)); // median of three
      int lt = lo;
      int i = lo;
      int gt = hi;
      while (i < gt) {
        double e = v[perm[i]];
        if (e < pivot) {
          swap(perm, lt++, i++);
        } else if (e > pivot) {
          swap(perm, i, --gt);
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt;
      } else if (k >= gt) {
        lo = gt;
      } else {
        return;
      }
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  int size() {
    return ids.length;
  }

  /** The unit vector of a position, for queries. */
  static double[] unit(double latDegrees, double lonDegrees) {
    double lat = Math.toRadians(latDegrees);
    double lon = Math.toRadians(lonDegrees);
    double cl = Math.cos(lat);
    return new double[] {cl * Math.cos(lon), cl * Math.sin(lon), Math.sin(lat)};
  }

  /** The best {@code k} results of a query: ids and costs, best first. */
  record Hits(int[] ids, double[] costs, double[] chord2) {
    int size() {
      return ids.length;
    }
  }

  /** The {@code k} points of least cost from {@code q} (a unit vector), as {@code scorer} scores them. */
  Hits search(double[] q, int k, Scorer scorer, Bound bound) {
    if (k <= 0 || ids.length == 0) {
      return new Hits(new int[0], new double[0], new double[0]);
    }
    Search s = new Search(q, k, scorer, bound);
    s.run();
    return s.sorted();
  }

  /** One query's state: a bounded max-heap of the best so far. */
  private final class Search {
    private final double qx;
    private final double qy;
    private final double qz;
    private final Scorer scorer;
    private final Bound bound;
    private final int[] heapIds;
    private final double[] heapCost;
    private final double[] heapChord2;
    private int size;

    Search(double[] q, int k, Scorer scorer, Bound bound) {
      this.qx = q[0];
      this.qy = q[1];
      this.qz = q[2];
      this.scorer = scorer;
      this.bound = bound;
      int cap = Math.min(k, ids.length);
      heapIds = new int[cap];
      heapCost = new double[cap];
      heapChord2 = new double[cap];
    }

    private double worst() {
      return size < heapIds.length ? Double.POSITIVE_INFINITY : heapCost[0];
    }

    // Pending subtrees, a binary min-heap on their lower bound rd: [lo, hi), rd and the three
    // plane offsets crossed to reach them (Arya & Mount's incremental distance).
    private int[] pLo = new int[32];
    private int[] pHi = new int[32];
    private double[] pRd = new double[32];
    private double[] pOff = new double[3 * 32];
    private int pending;

    /**
     * Best-first ("priority") search: takes the pending subtree nearest to the query, walks down
     * it nearer side first, leaving the farther sides pending, and scans the leaf; ends when the
     * nearest pending subtree cannot beat the k-th best. Each point is scored at most once, and
     * only points inside the final k-th distance (plus one leaf's worth at its edge) are looked at,
     * however selective the scorer.
     */
    void run() {
      pushPending(0, ids.length, 0, 0, 0, 0);
      while (pending > 0) {
        if (bound.atLeast(pRd[0]) >= worst()) {
          return;
        }
        int lo = pLo[0];
        int hi = pHi[0];
        double rd = pRd[0];
        double ox = pOff[0];
        double oy = pOff[1];
        double oz = pOff[2];
        popPending();
        while (hi - lo > LEAF) {
          int mid = (lo + hi) >>> 1;
          int dim = dims[mid];
          double diff = dim == 0 ? qx - x[mid] : dim == 1 ? qy - y[mid] : qz - z[mid];
          double old = dim == 0 ? ox : dim == 1 ? oy : oz;
          double farRd = rd - old * old + diff * diff;
          consider(mid);
          boolean farWorth = bound.atLeast(farRd) < worst();
          if (diff < 0) {
            if (farWorth) {
              pushPending(mid + 1, hi, farRd, dim == 0 ? diff : ox, dim == 1 ? diff : oy, dim == 2 ? diff : oz);
            }
            hi = mid;
          } else {
            if (farWorth) {
              pushPending(lo, mid, farRd, dim == 0 ? diff : ox, dim == 1 ? diff : oy, dim == 2 ? diff : oz);
            }
            lo = mid + 1;
          }
        }
        for (int i = lo; i < hi; i++) {
          consider(i);
        }
      }
    }

    private void pushPending(int lo, int hi, double rd, double ox, double oy, double oz) {
      if (pending == pLo.length) {
        int n = pending * 2;
        pLo = Arrays.copyOf(pLo, n);
        pHi = Arrays.copyOf(pHi, n);
        pRd = Arrays.copyOf(pRd, n);
        pOff = Arrays.copyOf(pOff, 3 * n);
      }
      int i = pending++;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (pRd[p] <= rd) {
          break;
        }
        movePending(p, i);
        i = p;
      }
      setPending(i, lo, hi, rd, ox, oy, oz);
    }

    private void popPending() {
      int last = --pending;
      if (last == 0) {
        return;
      }
      int lo = pLo[last];
      int hi = pHi[last];
      double rd = pRd[last];
      double ox = pOff[3 * last];
      double oy = pOff[3 * last + 1];
      double oz = pOff[3 * last + 2];
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        if (l >= pending) {
          break;
        }
        int r = l + 1;
        int small = r < pending && pRd[r] < pRd[l] ? r : l;
        if (pRd[small] >= rd) {
          break;
        }
        movePending(small, i);
        i = small;
      }
      setPending(i, lo, hi, rd, ox, oy, oz);
    }

    private void movePending(int from, int to) {
      pLo[to] = pLo[from];
      pHi[to] = pHi[from];
      pRd[to] = pRd[from];
      pOff[3 * to] = pOff[3 * from];
      pOff[3 * to + 1] = pOff[3 * from + 1];
      pOff[3 * to + 2] = pOff[3 * from + 2];
    }

    private void setPending(int i, int lo, int hi, double rd, double ox, double oy, double oz) {
      pLo[i] = lo;
      pHi[i] = hi;
      pRd[i] = rd;
      pOff[3 * i] = ox;
      pOff[3 * i + 1] = oy;
      pOff[3 * i + 2] = oz;
    }

    private void consider(int i) {
      double dx = qx - x[i];
      double dy = qy - y[i];
      double dz = qz - z[i];
      double d2 = dx * dx + dy * dy + dz * dz;
      double worst = worst();
      if (bound.atLeast(d2) >= worst) {
        return;
      }
      double cost = scorer.cost(ids[i], d2);
      if (cost < worst) {
        push(ids[i], cost, d2);
      }
    }

    private void push(int id, double cost, double d2) {
      if (size < heapIds.length) {
        int i = size++;
        while (i > 0) {
          int p = (i - 1) >>> 1;
          if (heapCost[p] >= cost) {
            break;
          }
          set(i, heapIds[p], heapCost[p], heapChord2[p]);
          i = p;
        }
        set(i, id, cost, d2);
      } else {
        // replace the root (the worst) and sift down
        int i = 0;
        while (true) {
          int l = 2 * i + 1;
          if (l >= size) {
            break;
          }
          int r = l + 1;
          int big = r < size && heapCost[r] > heapCost[l] ? r : l;
          if (heapCost[big] <= cost) {
            break;
          }
          set(i, heapIds[big], heapCost[big], heapChord2[big]);
          i = big;
        }
        set(i, id, cost, d2);
      }
    }

    private void set(int i, int id, double cost, double d2) {
      heapIds[i] = id;
      heapCost[i] = cost;
      heapChord2[i] = d2;
    }

    Hits sorted() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> {
        int c = Double.compare(heapCost[a], heapCost[b]);
        return c != 0 ? c : Integer.compare(heapIds[a], heapIds[b]);
      });
      int[] outIds = new int[size];
      double[] outCost = new double[size];
      double[] outD2 = new double[size];
      for (int i = 0; i < size; i++) {
        outIds[i] = heapIds[order[i]];
        outCost[i] = heapCost[order[i]];
        outD2[i] = heapChord2[order[i]];
      }
      return new Hits(outIds, outCost, outD2);
    }
  }
}
