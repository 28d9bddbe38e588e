package com.servicereview.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The schemes in force: every version of every scheme, the newest version being the default. */
public final class SchemeCatalog {

    private final Map<String, TreeMap<Integer, Scheme>> schemes = new TreeMap<>();

    public SchemeCatalog(Collection<Scheme> all) {
        for (Scheme scheme : all) {
            Scheme previous =
                    schemes.computeIfAbsent(scheme.id(), k -> new TreeMap<>()).put(scheme.version(), scheme);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "scheme '" + scheme.id() + "' version " + scheme.version() + " is defined twice");
            }
        }
    }

    /** The newest version of each scheme, by id. */
    public List<Scheme> latest() {
        List<Scheme> latest = new ArrayList<>();
        schemes.values().forEach(versions -> latest.add(versions.lastEntry().getValue()));
        return latest;
    }

    public Scheme latest(String id) {
        TreeMap<Integer, Scheme> versions = schemes.get(id);
        return versions == null ? null : versions.lastEntry().getValue();
    }

    public Scheme get(String id, int version) {
        TreeMap<Integer, Scheme> versions = schemes.get(id);
        return versions == null ? null : versions.get(version);
    }
}
