package dev.operon.sdk.demo;

/**
 * A product of the demo shop.
 *
 * @param id       what events carry in {@code properties.product_id} ({@code sku-0001}, ...)
 * @param name     a display name
 * @param category one of a few categories ({@code kitchen}, {@code garden}, ...)
 * @param price    the price in the shop's currency (EUR)
 */
public record DemoProduct(String id, String name, String category, double price) {
}
