"""Power-chain losses: transformers, UPS, PDUs and cabling (engine layer).

Each stage loses ``R × (a + b·x + c·x²)`` with ``x = P_out / R`` (Schneider WP113 loss form:
no-load, proportional and square-law parts; pue_model §6.3). ``R`` is the installed rating of
all units, redundant ones included: 2N or N+1 units share the load, so each runs lighter and
the no-load part weighs more. Evaluated from the IT outwards: PDUs carry the IT load, the
cabling carries the PDU input, the UPS carries the cabling input (plus air movers and pumps if
``ups.feeds_cooling``), the transformers carry the UPS input plus the mechanical, lighting
and miscellaneous loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dcplanner.model.site import LossModel, PowerChain

Array = NDArray[np.float64]
STAGES = ("pdus", "cabling", "ups", "transformers")


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the chain: installed rating (kW) and loss coefficients per unit of rating."""

    name: str
    rating_kw: float
    no_load: float
    proportional: float
    square_law: float

    def loss_kw(self, out_kw: ArrayLike) -> Array:
        p = np.asarray(out_kw, dtype=np.float64)
        loss = self.rating_kw * self.no_load + self.proportional * p
        if self.rating_kw > 0 and self.square_law:
            loss = loss + self.square_law * p * p / self.rating_kw
        return loss


def stage_from(name: str, rating_kw: float, losses: LossModel) -> Stage:
    return Stage(name, rating_kw, losses.no_load_frac, losses.proportional_frac, losses.square_law_frac)


def chain_stages(power: PowerChain, overrides: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, Stage]:
    """The four stages of a site's chain. The cabling is rated as the PDUs it feeds.

    ``overrides`` replaces loss coefficients by stage, e.g. ``{"ups": {"no_load": 0.01}}``.
    """
    pdu_kw = power.pdus.count * power.pdus.rating_kw
    stages = {
        "pdus": stage_from("pdus", pdu_kw, power.pdus.losses),
        "cabling": stage_from("cabling", pdu_kw, power.cabling_losses),
        "ups": stage_from("ups", power.ups.modules * power.ups.module_kw, power.ups.losses),
        "transformers": stage_from(
            "transformers",
            power.transformers.count * power.transformers.rating_kva * power.transformers.power_factor,
            power.transformers.losses,
        ),
    }
    for name, coefs in (overrides or {}).items():
        s = stages[name]
        stages[name] = Stage(
            name,
            s.rating_kw,
            coefs.get("no_load", s.no_load),
            coefs.get("proportional", s.proportional),
            coefs.get("square_law", s.square_law),
        )
    return stages


@dataclass(frozen=True, slots=True)
class ChainLoads:
    """Losses of each stage and the power each one draws, kW per hour."""

    pdus: Array
    cabling: Array
    ups: Array
    ups_input: Array  # what the UPS draws from the transformers


def downstream_of_transformers(
    stages: Mapping[str, Stage], it_kw: ArrayLike, ups_extra_kw: float | Array = 0.0
) -> ChainLoads:
    """PDU, cabling and UPS losses for an IT load (and extra UPS-fed load)."""
    it = np.asarray(it_kw, dtype=np.float64)
    l_pdu = stages["pdus"].loss_kw(it)
    pdu_in = it + l_pdu
    l_cab = stages["cabling"].loss_kw(pdu_in)
    ups_out = pdu_in + l_cab + ups_extra_kw
    l_ups = stages["ups"].loss_kw(ups_out)
    return ChainLoads(l_pdu, l_cab, l_ups, ups_out + l_ups)


def fit_loss_model(efficiency_at: Mapping[float, float], source: str = "") -> LossModel:
    """Fit no-load, proportional and square-law fractions to three efficiency points.

    ``efficiency_at`` maps load per unit (e.g. 0.25, 0.5, 1.0) to efficiency. The per-unit loss
    ``ℓ(x) = x (1/η − 1)`` is solved exactly for ``a + b x + c x²`` (pue_model §6.3, V10). When
    the exact solution has a negative coefficient (a curve flatter than this form allows), the
    closest non-negative fit is used (scipy NNLS) and its largest efficiency error is named in
    the source. Raises ValueError for other than three points or a fraction above 0.2.
    """
    if len(efficiency_at) != 3:
        raise ValueError("give efficiency at exactly three loads, e.g. {0.25: 0.94, 0.5: 0.955, 1.0: 0.95}")
    x = np.array(sorted(efficiency_at), dtype=np.float64)
    eta = np.array([efficiency_at[k] for k in sorted(efficiency_at)], dtype=np.float64)
    if np.any(x <= 0) or np.any(eta <= 0) or np.any(eta >= 1):
        raise ValueError("loads must be above 0 and efficiencies between 0 and 1")
    loss = x * (1.0 / eta - 1.0)
    design = np.vander(x, 3, increasing=True)
    coefs = np.linalg.solve(design, loss)
    method = "exact"
    if np.any(coefs < 0):
        from scipy.optimize import nnls

        coefs, _ = nnls(design, loss)
        method = "non-negative least squares"
    names = ("no_load_frac", "proportional_frac", "square_law_frac")
    bad = {n: v for n, v in zip(names, coefs, strict=True) if v > 0.2}
    if bad:
        detail = ", ".join(f"{k} {v:.4g}" for k, v in bad.items())
        raise ValueError(f"these points give {detail}; each fraction must lie between 0 and 0.2")
    no_load, proportional, square_law = (float(v) for v in coefs)
    model = LossModel(no_load_frac=no_load, proportional_frac=proportional, square_law_frac=square_law)
    error = float(np.max(np.abs(efficiency(model, x) - eta)))
    points = ", ".join(f"η {efficiency_at[k]:g} at {k:g}" for k in sorted(efficiency_at))
    model.source = source or f"3-point fit ({method}, max efficiency error {error:.4f}): {points}"
    return model


def efficiency(model: LossModel, load_per_unit: ArrayLike) -> Array:
    """Efficiency of a stage at a load per unit of its rating."""
    x = np.asarray(load_per_unit, dtype=np.float64)
    return x / (x + model.no_load_frac + model.proportional_frac * x + model.square_law_frac * x * x)


def constant_efficiency(eta: float, source: str = "") -> LossModel:
    """A loss model with a flat efficiency: loss = P (1/η − 1), Lei-Masanet's UPS form."""
    return LossModel(proportional_frac=1.0 / eta - 1.0, source=source or f"constant efficiency {eta:g}")
