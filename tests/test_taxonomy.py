from factory.core.taxonomy import CLASS_ID, CLASSES, IGNORE, MAPPINGS, mapping, target_classes


def test_class_ids_are_stable_and_dense():
    assert CLASSES[:5] == ("button", "icon_button", "link", "text", "heading")
    assert [CLASS_ID[c] for c in CLASSES] == list(range(len(CLASSES)))
    assert {"inventory_slot", "resource_counter", "crosshair", "minimap"} <= set(CLASSES)


def test_every_mapping_covers_every_class_with_explicit_ignore():
    for name in MAPPINGS:
        table = mapping(name)
        assert set(table) == set(CLASSES)
        assert IGNORE in table.values(), f"{name} maps nothing to the ignore value"
        assert IGNORE not in target_classes(name)
    assert mapping("rico")["button"] == "Text Button"
    assert mapping("vins")["text_input"] == "EditText"
    assert mapping("clay")["crosshair"] == IGNORE
    assert target_classes("interactable") == ["interactable"]


def test_image_formats_are_the_json_schemas():
    """One list of image formats: the JSON schema's enum; render writes a subset, readers accept all of it."""
    from factory.core.schema import IMAGE_FORMATS, RENDER_IMAGE_FORMATS, json_schema
    from factory.tario import IMAGE_EXTS
    from trainer.records import IMAGE_FORMATS as TRAINER_READS

    assert IMAGE_FORMATS == tuple(json_schema()["properties"]["image_format"]["enum"])
    assert set(RENDER_IMAGE_FORMATS) <= set(IMAGE_FORMATS) and IMAGE_EXTS == TRAINER_READS == IMAGE_FORMATS
