package io.leadquality.model;

/** A phone ({@code phone_number:+1...}) or email ({@code email:...}) seen on a lead the job knows, and that lead's key. Flink POJO. */
public class IdentityLink {
    public String identity;
    public String key;

    public IdentityLink() {}

    public IdentityLink(String identity, String key) {
        this.identity = identity;
        this.key = key;
    }
}
