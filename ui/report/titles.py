"""Section titles of the report: English, or Chinese and English side by side (ui layer).

There is no message catalogue yet, so ``zh_CN`` prints each title as "中文 / English" and keeps
the body text in English (the figures and the engine's messages are English).
"""

from __future__ import annotations

LANGS = ("en", "zh_CN")

TITLES: dict[str, tuple[str, str]] = {
    "report": ("Design report", "设计报告"),
    "site_id": ("Site id", "站点编号"),
    "location": ("Location", "位置"),
    "case": ("Case", "方案"),
    "date": ("Date", "日期"),
    "version": ("Version", "版本"),
    "source_file": ("Project file", "项目文件"),
    "author": ("Author", "编制人"),
    "contents": ("Contents", "目录"),
    "key_figures": ("Key figures", "关键指标"),
    "capacity": ("Capacity limits", "容量约束"),
    "findings": ("Findings", "检查结果"),
    "compliance": ("Compliance", "合规检查"),
    "floor_plan": ("Floor plan", "平面布置图"),
    "halls": ("Halls", "机房"),
    "compute": ("Peak compute by precision", "各精度峰值算力"),
    "power_cooling": ("Power chain and cooling plant", "供配电系统与制冷系统"),
    "energy": ("Energy year", "全年能耗"),
    "buildout": ("Build-out schedule", "分期建设计划"),
    "finance": ("Finance", "财务"),
    "scenarios": ("Scenario comparison", "方案比较"),
    "assumptions": ("Assumptions and sources", "假设与依据"),
}


def title(key: str, lang: str) -> str:
    """The title of ``key`` in ``lang`` ("en", or "zh_CN": bilingual)."""
    en, zh = TITLES[key]
    return f"{zh} / {en}" if lang == "zh_CN" else en
