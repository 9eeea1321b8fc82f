"""The built-in hardware catalog: sources resolve, ids are unique, figures are consistent."""

from __future__ import annotations

import csv

import pytest

from dcplanner.model.catalog import CATALOG_DIR, builtin_catalog, hardware_index, source_titles
from dcplanner.model.site import Accelerator, Catalog, ServerModel
from tests.factories import small_site


def test_every_source_key_resolves():
    titles = source_titles()
    cat = builtin_catalog()
    for table in (cat.accelerators, cat.cpus, cat.servers, cat.cabinet_types):
        for entry in table:
            for key in filter(None, (k.strip() for k in entry.source.split(";"))):
                if key.startswith("S") and key[1:].isdigit():
                    assert key in titles, f"{entry.id}: source {key} not in sources.csv"


def test_ids_unique_in_each_table():
    for name in ("accelerators", "cpus", "servers", "cabinet_types"):
        with (CATALOG_DIR / f"{name}.csv").open(encoding="utf-8") as fh:
            ids = [row["id"] for row in csv.DictReader(fh)]
        assert len(ids) == len(set(ids)), name


def test_servers_refer_to_known_parts_and_idle_below_max():
    hw = hardware_index()
    for s in hw.servers.values():
        assert s.accelerator_id is None or s.accelerator_id in hw.accelerators
        assert s.cpu_id is None or s.cpu_id in hw.cpus
        assert 0 <= s.idle_kw <= s.max_kw


def test_unknown_figures_stay_empty():
    hw = hardware_index()
    assert hw.accelerators["hygon-dcu-z100"].fp16_tflops is None
    assert hw.accelerators["h800-sxm-80gb"].fp64_tflops is None
    assert hw.cpus["kunpeng-920-7260"].fp64_flops_per_cycle is None


@pytest.mark.parametrize(
    ("acc", "dense_fp16", "sparse_fp16"), [("h100-sxm5-80gb", 989.4, 1979), ("a100-sxm4-80gb", 312, 624)]
)
def test_dense_is_half_of_datasheet_sparse(acc, dense_fp16, sparse_fp16):
    """NVIDIA datasheets print tensor peaks with 2:4 sparsity; the catalog stores dense [S1]."""
    value = hardware_index().accelerators[acc].fp16_tflops
    assert value == pytest.approx(dense_fp16)
    assert value == pytest.approx(sparse_fp16 / 2, rel=1e-3)


def test_project_entries_extend_and_replace_builtins():
    site = small_site()
    site.catalog = Catalog(
        accelerators=[Accelerator(id="my-npu", name="My NPU", fp16_tflops=500)],
        servers=[
            ServerModel(
                id="dgx-a100",
                name="patched",
                rack_units=6,
                weight_kg=120,
                idle_kw=1,
                max_kw=6,
                accelerator_id="my-npu",
                accelerator_count=4,
            )
        ],
    )
    hw = hardware_index(site)
    assert hw.servers["dgx-a100"].name == "patched"
    assert "my-npu" in hw.accelerators and "dgx-a100" in hw.user_ids
    assert hardware_index().servers["dgx-a100"].name.startswith("DGX A100")
