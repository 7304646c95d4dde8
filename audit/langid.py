"""Language identification restricted to the languages in play, seeded for reproducibility."""

from __future__ import annotations

from pathlib import Path

import langdetect
from langdetect.detector_factory import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

_PROFILES = Path(langdetect.__file__).resolve().parent / "profiles"


class LanguageGuesser:
    """Which of a few languages a text is in; built once per run (profiles load slowly)."""

    def __init__(self, languages: tuple[str, ...], seed: int = 0) -> None:
        profiles = [
            (_PROFILES / lang).read_text(encoding="utf-8")
            for lang in sorted(set(languages))
            if (_PROFILES / lang).is_file()
        ]
        self._factory: DetectorFactory | None = None
        if len(profiles) >= 2:
            self._factory = DetectorFactory()
            self._factory.load_json_profile(profiles)
            self._factory.set_seed(seed)

    def probabilities(self, text: str) -> dict[str, float]:
        """Probability per language, empty when the text has no usable features."""
        if self._factory is None:
            return {}
        detector = self._factory.create()
        detector.append(text)
        try:
            return {p.lang: p.prob for p in detector.get_probabilities()}
        except LangDetectException:
            return {}
