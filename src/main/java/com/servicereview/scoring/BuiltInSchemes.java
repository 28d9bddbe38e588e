package com.servicereview.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The seven schemes of domain §1 that ship with the product, read from {@code schemes/<id>.yaml} on the classpath. */
public final class BuiltInSchemes {

    /** Part of the public API: these ids never change. */
    public static final List<String> IDS = List.of(
            "after-sales-standard",
            "after-sales-team",
            "cs-staff-monthly",
            "ecommerce-cs-2024",
            "online-cs-monthly",
            "cs-manager",
            "call-center-manager");

    private BuiltInSchemes() {}

    public static Scheme load(String id) {
        String resource = "schemes/" + id + ".yaml";
        try (InputStream in = BuiltInSchemes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the classpath");
            return SchemeParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SchemeCatalog catalog() {
        List<Scheme> schemes = new ArrayList<>();
        for (String id : IDS) schemes.add(load(id));
        return new SchemeCatalog(schemes);
    }
}
